using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Betting.Ledger;
using Orleans.Betting.Market;
using Orleans.Betting.Tests.Infrastructure;
using Orleans.Configuration;

namespace Orleans.Betting.Benchmarks;

/// <summary>
/// The operator's screens on an Embedded silo holding N settled bets (5,000 by default): the web
/// console's first paint (navigation to every section filled, as the page measures it) and an update
/// after a bet settles (settled → the page shows it, by server push), in headless Chromium; and the
/// client's command latency (the built client, as README runs it) beside its floors: the same process
/// doing no call (`--help`) and the same answer over HTTP (`GET /api/ledger`).
/// </summary>
public static class ConsoleBenchmark
{
    public static async Task<object> RunAsync(string root, int betCount, int rounds)
    {
        using var dir = new TempDirectory("console-bench");
        var (http, silo, gateway) = (FreePort(), FreePort(), FreePort());
        var baseUrl = $"http://127.0.0.1:{http}";
        using var process = Start(
            "dotnet",
            [
                Path.Combine(root, "Silo", "bin", "Release", "net10.0", "Orleans.Betting.Silo.dll"),
                "--data-dir",
                dir.Path,
                "--urls",
                baseUrl,
                $"--Orleans:SiloPort={silo}",
                $"--Orleans:GatewayPort={gateway}",
                "--Betting:MainJob:Enabled=false",
                "--Betting:Agents:Enabled=false",
                "--Betting:Market:Source=synthetic",
                "--Betting:Health:Enabled=false",
            ]
        );
        try
        {
            using var web = new HttpClient { BaseAddress = new Uri(baseUrl) };
            await WaitReadyAsync(web, process);
            using var host = new HostBuilder()
                .ConfigureLogging(l => l.ClearProviders())
                .UseOrleansClient(c =>
                {
                    c.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gateway));
                    c.Configure<ClusterOptions>(o =>
                    {
                        o.ClusterId = "betting";
                        o.ServiceId = "orleans-betting";
                    });
                })
                .Build();
            await host.StartAsync();
            var grains = host.Services.GetRequiredService<IClusterClient>();
            var seeding = Stopwatch.StartNew();
            var matches = await SeedAsync(grains, betCount);
            var seeded = seeding.Elapsed.TotalSeconds;
            var ledger = grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper);
            var report = await ledger.GetReportAsync();
            if (report.Settled < betCount)
            {
                throw new InvalidOperationException($"seeded {report.Settled} settled bets of {betCount}");
            }

            // The client, as README runs it (Client/betting: the built client), and its floors.
            var client = Path.Combine(root, "Client", "betting");
            var gatewayArg = $"127.0.0.1:{gateway}";
            await TimeAsync(client, ["--help"]); // builds it when needed: not measured
            var help = await MedianAsync(rounds, () => TimeAsync(client, ["--help"]));
            var ledgerJson = await MedianAsync(rounds, () => TimeAsync(client, ["ledger", "--json", "--gateway", gatewayArg]));
            var reportText = await MedianAsync(rounds, () => TimeAsync(client, ["report", "--gateway", gatewayArg]));
            var apiLedger = await MedianAsync(
                rounds,
                async () =>
                {
                    var clock = Stopwatch.StartNew();
                    (await web.GetAsync("/api/ledger")).EnsureSuccessStatusCode();
                    return clock.Elapsed.TotalSeconds;
                }
            );

            // The console in a browser: first paint, then updates after settlement.
            await using var browser = await BrowserSession.StartAsync();
            var paints = new List<double>();
            for (var r = 0; r < rounds; r++)
            {
                await browser.NavigateAsync(baseUrl + "/console?" + r);
                await browser.WaitForAsync(
                    "document.body && document.body.getAttribute('data-loaded') === 'true'",
                    TimeSpan.FromSeconds(60),
                    "first paint"
                );
                paints.Add(double.Parse((string)(await browser.EvaluateAsync("document.body.getAttribute('data-loaded-ms')"))!) / 1000);
            }

            await browser.WaitForAsync(
                "document.getElementById('push').innerText === 'push: live'",
                TimeSpan.FromSeconds(10),
                "the push stream"
            );
            var updates = new List<double>();
            var extra = matches.Where(m => m.Result is not null).Take(rounds).ToList();
            var total = report.Bets;
            foreach (var m in extra)
            {
                await ledger.PlaceAsync([Bet(m, Outcome.Draw)]);
                total++;
                var clock = Stopwatch.StartNew();
                await ledger.SettleAsync(new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc));
                await browser.WaitForAsync(
                    $"document.getElementById('bets-summary').innerText.startsWith('{total} bets, 0 open')",
                    TimeSpan.FromSeconds(30),
                    "the settled bet on the page"
                );
                updates.Add(clock.Elapsed.TotalSeconds);
            }

            await host.StopAsync();
            return new
            {
                benchmark = "console",
                settledBets = report.Settled + updates.Count,
                seedSeconds = Math.Round(seeded, 1),
                rounds,
                firstPaintSecondsMedian = Median(paints),
                firstPaintSecondsMax = Math.Round(paints.Max(), 3),
                updateAfterSettleSecondsMedian = Median(updates),
                updateAfterSettleSecondsMax = Math.Round(updates.Max(), 3),
                clientLedgerJsonSeconds = ledgerJson,
                clientReportSeconds = reportText,
                clientHelpSeconds = help,
                apiLedgerSeconds = apiLedger,
                clientOverProcessStart = Math.Round(ledgerJson / help, 1),
                clientOverHttp = Math.Round(ledgerJson / apiLedger, 1),
            };
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    /// <summary>A synthetic market (2 leagues, 6 seasons) and bets on its matches, placed and settled by its results.</summary>
    private static async Task<IReadOnlyList<MatchRecord>> SeedAsync(IClusterClient grains, int count)
    {
        string[] seasons = ["2015-2016", "2016-2017", "2017-2018", "2018-2019", "2019-2020", "2020-2021"];
        await grains.GetGrain<IMarketImportGrain>(0).GenerateAsync(new SyntheticMarketRequest(7, 2, seasons, "none"));
        var matches = new List<MatchRecord>();
        foreach (var league in new[] { "S1", "S2" })
        {
            foreach (var season in seasons)
            {
                matches.AddRange((await grains.LeagueSeason(league, season).GetAsync()).Matches.Where(m => m.Result is not null));
            }
        }

        var bets = matches.SelectMany(m => new[] { Bet(m, Outcome.Home), Bet(m, Outcome.Away) }).Take(count).ToList();
        if (bets.Count < count)
        {
            throw new InvalidOperationException($"only {bets.Count} bets possible on {matches.Count} matches");
        }

        // In chunks, each settled before the next is placed: open stakes never exceed the paper bankroll.
        var ledger = grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper);
        foreach (var chunk in bets.Chunk(250))
        {
            var placed = await ledger.PlaceAsync(chunk);
            if (placed.Placed != chunk.Length)
            {
                throw new InvalidOperationException(
                    $"placed {placed.Placed} of {chunk.Length}: {string.Join("; ", placed.Rejected.Take(3))}"
                );
            }

            await ledger.SettleAsync(new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        }
        var used = bets.Select(b => b.MatchId).ToHashSet(StringComparer.Ordinal);
        return matches.Where(m => used.Contains(m.Id)).ToList();
    }

    private static PaperBet Bet(MatchRecord m, Outcome outcome) =>
        new(
            $"bench:{m.Id}:{outcome}",
            m.Id,
            m.League,
            m.Season,
            m.KickoffUtc,
            $"{m.HomeTeam}-{m.AwayTeam}",
            Selection.Of(MarketType.MatchOdds, outcome, double.NaN),
            outcome == Outcome.Draw ? 3.4 : 2.5,
            new QuoteSource(PriceSource.Pinnacle),
            1,
            m.KickoffUtc.AddDays(-1),
            1,
            Strategies: ["benchmark"],
            Probability: outcome == Outcome.Draw ? 0.3 : 0.42,
            Tier: "B"
        );

    private static async Task<double> MedianAsync(int rounds, Func<Task<double>> measure)
    {
        var times = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            times.Add(await measure());
        }

        return Median(times);
    }

    private static double Median(List<double> values) => Math.Round(values.Order().ElementAt(values.Count / 2), 3);

    private static async Task<double> TimeAsync(string file, string[] args)
    {
        var clock = Stopwatch.StartNew();
        using var process = Start(file, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)}: exit {process.ExitCode}: {await stderr}");
        }

        await stdout;
        return clock.Elapsed.TotalSeconds;
    }

    private static Process Start(string file, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["NO_COLOR"] = "1";
        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
    }

    private static async Task WaitReadyAsync(HttpClient web, Process process)
    {
        // The silo's output is drained so it never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the silo exited with {process.ExitCode}");
            }

            try
            {
                if ((await web.GetAsync("/readyz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("the silo was not ready within 2 minutes");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
