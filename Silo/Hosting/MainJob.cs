using Microsoft.Extensions.Options;
using Orleans.Betting.Market;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Silo.Hosting;

/// <summary>
/// The system's main job on the embedded default. With the agents on (the default) it follows
/// them: the orchestrator's cycles on the market clock, then the paper ledger's result. With
/// <c>--Betting:Agents:Enabled=false</c> it is the one-shot run: seed a market (synthetic with a
/// planted stale book, or the CSVs of <c>--import &lt;dir&gt;</c>), start one swarm run, print its
/// progress and picks. Both are grains: a client can follow them and a restart resumes them.
/// </summary>
public sealed class MainJob(
    IGrainFactory grains,
    SiloRoles roles,
    IOptions<MainJobOptions> options,
    IOptions<MarketOptions> market,
    IHostApplicationLifetime lifetime,
    ILogger<MainJob> logger
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lifetime.WhenStartedAsync(stoppingToken);

        if (roles.Agents)
        {
            await FollowAgentsAsync(stoppingToken);
            return;
        }

        try
        {
            var (leagues, seasons) = await SeedMarketAsync(stoppingToken);
            if (seasons.Count < 3)
            {
                Console.WriteLine($"[main job] {seasons.Count} season(s) of data: a swarm run needs at least 3 (training + 2 test)");
                return;
            }

            var train = seasons.Take(seasons.Count - 2).ToArray();
            var test = seasons.Skip(seasons.Count - 2).ToArray();
            var candidates = options.Value.Candidates;
            var seed = market.Value.Seed;
            var runId = $"main-{string.Join('+', leagues)}-{train[0][..4]}-{test[^1][5..]}-c{candidates}-s{seed}";
            var run = grains.GetGrain<ISwarmRunGrain>(runId);
            await run.StartAsync(new SwarmRunRequest(leagues, train, test, candidates, seed));
            Console.WriteLine(
                $"[main job] swarm run {runId}: {string.Join(',', leagues)} train {train[0]}..{train[^1]}, test {test[0]}..{test[^1]}, {candidates} candidates "
                    + $"(follow: Client/betting swarm status {runId} --follow)"
            );

            var last = "";
            SwarmRunStatus status;
            while (true)
            {
                status = await run.GetStatusAsync();
                var line = $"{status.Phase.ToString().ToLowerInvariant()} {status.Progress.Detail}";
                if (line != last)
                {
                    Console.WriteLine($"[main job] {line}");
                    last = line;
                }

                if (status.Phase is SwarmPhase.Completed or SwarmPhase.Failed)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }

            Console.WriteLine(
                $"[main job] {status.Phase}{(status.Error is null ? "" : $": {status.Error}")}: {status.Generation?.Trials ?? 0} trials, "
                    + $"{status.Validation.Count(v => v.Approved)} of {status.Validation.Count} validated, {status.Deployed.Count} deployed"
            );
            foreach (var v in status.Validation.Where(v => status.Deployed.Contains(v.Id)))
            {
                Console.WriteLine(
                    $"[main job]   deployed {v.Spec}: out-of-sample CLV {v.OutOfSample.MeanClv:P2}, ROI {v.OutOfSample.Roi:P1} on {v.OutOfSample.Bets} bets, DSR {v.DeflatedSharpe:F3}"
                );
            }

            foreach (var p in status.Consensus?.Picks ?? [])
            {
                Console.WriteLine(
                    $"[main job]   pick {p.KickoffUtc:yyyy-MM-dd HH:mm} {p.MatchId} {p.Selection} @ {p.Price:F2} ({p.Source}) tier {p.Tier}, stake {p.Stake:F2}"
                );
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping; the run is persisted and resumes next time.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "The main job failed");
            Console.WriteLine($"[main job] failed: {e.Message}");
        }
    }

    private async Task FollowAgentsAsync(CancellationToken stoppingToken)
    {
        var orchestrator = Orleans.Betting.Agents.AgentDirectory.Agent(grains, Orleans.Betting.Agents.AgentNames.Orchestrator);
        var live = market.Value.IsLive;
        Console.WriteLine(
            live
                ? "[agents] started on the LIVE market: they learn from the history, poll the odds feed, vote at each event's decision times, "
                    + "bet on paper at a named bookmaker's quote and settle from the scores feed, forever "
                    + "(follow: Client/betting live status | agents decisions | ledger | report; replay instead: --Betting:Market:Source=synthetic)"
                : "[agents] started: the orchestrator runs ingest → backtest → consensus → risk → paper bets → settlement on the market clock "
                    + "(follow: Client/betting agents status | agents decisions | report)"
        );
        var last = "";
        var lastLive = "";
        var lastLedger = "";
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var status = await orchestrator.GetStatusAsync();
                var view = status.MemoryAs<Orleans.Betting.Agents.Views.OrchestratorView>();
                var line =
                    status.LastError is { } error && status.State == Orleans.Betting.Agents.AgentState.Faulted
                        ? $"orchestrator faulted: {error}"
                        : view.LastReport ?? "-";
                if (line != last && line != "-")
                {
                    Console.WriteLine($"[agents] {line}");
                    last = line;
                }

                if (live && view.Live?.Describe() is { } liveLine && liveLine != lastLive)
                {
                    Console.WriteLine($"[agents] live {view.MarketTimeUtc:u}: {liveLine}");
                    lastLive = liveLine;
                }

                if (live)
                {
                    var r = await grains
                        .GetGrain<Orleans.Betting.Ledger.ILedgerGrain>(Orleans.Betting.Ledger.ILedgerGrain.Paper)
                        .GetReportAsync();
                    var ledgerLine =
                        $"paper ledger: {r.Bets} bets ({r.Open} open), {r.Settled} settled, profit {r.Profit:+0.00;-0.00}, ROI {r.Roi:P2}, "
                        + $"mean CLV {r.MeanClv?.ToString("P2", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, bankroll {r.Bankroll:F2}";
                    if (ledgerLine != lastLedger && r.Settled > 0)
                    {
                        Console.WriteLine($"[agents] {ledgerLine}");
                        lastLedger = ledgerLine;
                    }
                }

                if (view.Finished)
                {
                    var r = await grains
                        .GetGrain<Orleans.Betting.Ledger.ILedgerGrain>(Orleans.Betting.Ledger.ILedgerGrain.Paper)
                        .GetReportAsync();
                    Console.WriteLine(
                        $"[agents] paper ledger: {r.Bets} bets, {r.Settled} settled, profit {r.Profit:+0.00;-0.00}, ROI {r.Roi:P2}, "
                            + $"mean CLV {r.MeanClv?.ToString("P2", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, max drawdown {r.MaxDrawdownShare:P1}, bankroll {r.Bankroll:F2}"
                    );
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
        catch (Exception e) when (stoppingToken.IsCancellationRequested && e is OperationCanceledException or SiloUnavailableException)
        {
            // Stopping (a status call can meet the silo already shutting down): the agents resume from their persisted steps next time.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Following the agents failed");
        }
    }

    private async Task<(string[] Leagues, List<string> Seasons)> SeedMarketAsync(CancellationToken ct)
    {
        var importer = grains.GetGrain<IMarketImportGrain>(0);
        var importDir = market.Value.ImportDir;
        if (!string.IsNullOrWhiteSpace(importDir))
        {
            var files = Directory.GetFiles(importDir, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
            var keys = new List<string>();
            foreach (var file in files)
            {
                var report = await importer.ImportCsvAsync(Path.GetFileName(file), await File.ReadAllBytesAsync(file, ct), ct);
                keys.AddRange(report.Seasons.Select(s => s.Key));
                Console.WriteLine(
                    $"[main job] imported {file}: {report.RowsImported} of {report.RowsRead} rows, {report.RowsRejected} rejected"
                );
            }

            // The league with the most seasons.
            var best = keys.Distinct()
                .Select(LeagueSeasonKey.Parse)
                .GroupBy(k => k.League)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key)
                .FirstOrDefault();
            return best is null ? ([], []) : ([best.Key], best.Select(k => k.Season).Order(StringComparer.Ordinal).ToList());
        }

        var seed = market.Value.Seed;
        var plant = market.Value.Plant;
        var seasons = Enumerable.Range(2015, 8).Select(y => $"{y}-{y + 1}").ToList();
        var generated = await grains.GetGrain<IMarketImportGrain>(0).GenerateAsync(new SyntheticMarketRequest(seed, 1, seasons, plant), ct);
        Console.WriteLine(
            $"[main job] synthetic market seed {seed}, plant {plant}: {generated.Matches} matches in {seasons.Count} seasons of league S1"
        );
        return (["S1"], seasons);
    }
}
