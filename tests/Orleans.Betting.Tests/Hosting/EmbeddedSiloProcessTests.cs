using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Hosting;

/// <summary>The Embedded silo as a newcomer runs it: a real process, from an empty data directory.</summary>
[Trait(Tier.Name, Tier.System)]
public sealed class EmbeddedSiloProcessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task StartsFromNothingServesDashboardAndKeepsStateAcrossRestart()
    {
        using var data = new TempDirectory("embedded");
        var clock = Stopwatch.StartNew();
        await using (var silo = SiloProcess.Start(data.Path))
        {
            await silo.WaitReadyAsync();
            output.WriteLine($"embedded silo ready in {clock.Elapsed.TotalSeconds:F1} s (process start to /readyz 200)");
            Assert.True(File.Exists(Path.Combine(data.Path, "betting.db")), "the SQLite file was not created in the data directory");

            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{silo.BaseUrl}/healthz")).StatusCode);
            var readiness = await http.GetAsync($"{silo.BaseUrl}/readyz");
            Assert.Equal("Healthy", await readiness.Content.ReadAsStringAsync());
            var dashboard = await http.GetStringAsync($"{silo.BaseUrl}/dashboard/");
            Assert.Contains("<title>Orleans Dashboard</title>", dashboard);

            // A loopback listener answers loopback names only: a rebound DNS name gets 400, not the dashboard.
            using var rebound = new HttpRequestMessage(HttpMethod.Get, $"{silo.BaseUrl}/dashboard/");
            rebound.Headers.Host = "attacker.example";
            Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(rebound)).StatusCode);
            using var named = new HttpRequestMessage(HttpMethod.Get, $"{silo.BaseUrl}/healthz");
            named.Headers.Host = $"localhost:{silo.HttpPort}";
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(named)).StatusCode);

            // The dashboard is a script-driven page: check what a browser actually renders.
            var rendered = await HeadlessChromium.DumpDomAsync($"{silo.BaseUrl}/dashboard/");
            Assert.Contains("Active Silos", rendered);
            Assert.Contains("Total Activations", rendered);

            var status = await StatusAsync(silo.Gateway);
            var member = Assert.Single(status.GetProperty("members").EnumerateArray());
            Assert.Equal("Active", member.GetProperty("status").GetString());
            Assert.Equal(silo.GatewayPort, member.GetProperty("gatewayPort").GetInt32());
            Assert.Equal(1, status.GetProperty("journal").GetProperty("totalStarts").GetInt32());
            Assert.Contains(
                status.GetProperty("grainTypes").EnumerateArray(),
                g => g.GetProperty("type").GetString()!.StartsWith("Orleans.Betting.Cluster.ClusterJournalGrain", StringComparison.Ordinal)
            );

            var api = status.GetProperty("apis").EnumerateArray().Single(a => a.GetProperty("api").GetString() == "odds");
            Assert.Equal("closed", api.GetProperty("circuit").GetString());
            Assert.Equal(4, api.GetProperty("tokensPerSecond").GetDouble());

            Assert.Contains("profile    Embedded", silo.Output);
            Assert.Equal(0, await silo.StopAsync());
        }

        // Same data directory, new process: the journal grain's state was persisted.
        await using var restarted = SiloProcess.Start(data.Path);
        await restarted.WaitReadyAsync();
        var after = await StatusAsync(restarted.Gateway);
        Assert.Equal(2, after.GetProperty("journal").GetProperty("totalStarts").GetInt32());
    }

    [Fact]
    public async Task OddsLiveRunsTheRealClientPathAgainstTheBuiltInSimulator()
    {
        using var data = new TempDirectory("oddslive");
        await using var silo = SiloProcess.Start(data.Path, extraArgs: ["--Betting:Health:AuditSeconds=0.5"]);
        await silo.WaitReadyAsync();
        Assert.Contains("odds API   simulator http://127.0.0.1:", silo.Output);

        var live = await ClientProcess.RunAsync([
            "odds",
            "live",
            "--sport",
            "soccer_epl",
            "--markets",
            "h2h,totals",
            "--json",
            "--gateway",
            silo.Gateway,
        ]);
        Assert.True(live.ExitCode == 0, live.StandardError);
        var board = JsonDocument.Parse(live.StandardOutput).RootElement;
        Assert.Equal("soccer_epl", board.GetProperty("sport").GetString());
        var events = board.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(10, events.Count); // the default --events
        foreach (var e in events)
        {
            var lines = e.GetProperty("lines").EnumerateArray().ToList();
            Assert.Equal(3, lines.Count(l => l.GetProperty("market").GetString() == "h2h"));
            Assert.Equal(
                ["Over", "Under"],
                lines.Where(l => l.GetProperty("market").GetString() == "totals").Select(l => l.GetProperty("outcome").GetString())
            );
            Assert.All(lines, l => Assert.True(l.GetProperty("bestPrice").GetDouble() > 1.0));
            Assert.Equal("pinnacle", lines[0].GetProperty("referenceBookmaker").GetString());
        }

        Assert.True(board.GetProperty("quota").GetProperty("remaining").GetInt64() > 0);

        // Again at once: the pool answers from its cache, and status shows the hit.
        var again = await ClientProcess.RunAsync([
            "odds",
            "live",
            "--sport",
            "soccer_epl",
            "--markets",
            "h2h,totals",
            "--json",
            "--gateway",
            silo.Gateway,
        ]);
        Assert.True(again.ExitCode == 0, again.StandardError);
        Assert.True(JsonDocument.Parse(again.StandardOutput).RootElement.GetProperty("fromCache").GetBoolean());
        var status = await StatusAsync(silo.Gateway);
        var odds = status.GetProperty("apis").EnumerateArray().Single(a => a.GetProperty("api").GetString() == "odds");
        Assert.True(odds.GetProperty("cacheHitRate").GetDouble() > 0);
        Assert.True(odds.GetProperty("upstreamAttempts").GetInt64() >= 1);
        Assert.Equal(0, odds.GetProperty("rateLimited").GetInt64());
        Assert.Equal("closed", odds.GetProperty("circuit").GetString());

        // /metrics in Prometheus text: our meters beside Orleans', the runtime's and the process's.
        using (var http = new HttpClient())
        {
            var metrics = await http.GetStringAsync($"{silo.BaseUrl}/metrics");
            Assert.Contains("betting_api_calls_total{", metrics);
            Assert.Contains("betting_api_requests_total{", metrics);
            Assert.Matches(@"betting_gauge\{[^}]*name=""quota_remaining""[^}]*\} \d+", metrics);
            Assert.Contains("orleans_catalog_activations", metrics);
            Assert.Contains("dotnet_gc_", metrics);
            Assert.Contains("process_", metrics);
        }

        var bad = await ClientProcess.RunAsync([
            "odds",
            "live",
            "--sport",
            "soccer_epl",
            "--markets",
            "corners",
            "--gateway",
            silo.Gateway,
        ]);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--markets", bad.StandardError);

        // The log says a component's change of state once, not at every audit: no webhook is configured
        // here (Degraded for the whole run, audited every 0.5 s), and the line appears once.
        await Eventually.WaitAsync(
            () => Task.FromResult(silo.Output.Contains("Connectivity: webhook is Degraded", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30)
        );
        await Task.Delay(2000);
        Assert.Equal(1, silo.Output.Split('\n').Count(l => l.Contains("Connectivity: webhook is Degraded", StringComparison.Ordinal)));
        Assert.DoesNotContain("Health check webhook with status Degraded", silo.Output);
        Assert.Equal(0, await silo.StopAsync());
    }

    [Fact]
    public async Task TheMainJobSeedsAMarketRunsASwarmAndPrintsPicks()
    {
        using var data = new TempDirectory("mainjob");
        await using var silo = SiloProcess.Start(
            data.Path,
            extraArgs: ["--Betting:MainJob:Enabled=true", "--Betting:Agents:Enabled=false", "--Betting:MainJob:Candidates=40"]
        );
        await silo.WaitReadyAsync();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (
            !silo.Output.Contains("[main job] Completed", StringComparison.Ordinal)
            && !silo.Output.Contains("[main job] Failed", StringComparison.Ordinal)
            && DateTime.UtcNow < deadline
        )
        {
            await Task.Delay(500);
        }

        output.WriteLine(string.Join('\n', silo.Output.Split('\n').Where(l => l.StartsWith("[main job]", StringComparison.Ordinal))));
        Assert.Contains("[main job] synthetic market seed 7, plant stale-book", silo.Output);
        Assert.Contains("[main job] Completed: 40 trials", silo.Output);

        var status = await ClientProcess.RunAsync(["swarm", "status", "main-S1-2015-2023-c40-s7", "--json", "--gateway", silo.Gateway]);
        Assert.True(status.ExitCode == 0, status.StandardError);
        var json = JsonDocument.Parse(status.StandardOutput).RootElement;
        Assert.Equal("Completed", json.GetProperty("phase").GetString());
        Assert.Equal(40, json.GetProperty("trials").GetInt32());
        Assert.True(json.TryGetProperty("picks", out var runPicks) && json.TryGetProperty("deployed", out _));
        // Each deployed strategy's out-of-sample evidence: what judged it, its CLV and z, its ROI and bets.
        Assert.All(
            json.GetProperty("deployed").EnumerateArray().Select(d => d.GetProperty("outOfSample")),
            oos =>
            {
                Assert.True(oos.GetProperty("bets").GetInt32() > 0);
                _ = oos.GetProperty("roi").GetDouble();
                Assert.True(oos.GetProperty("p").GetDouble() <= oos.GetProperty("alpha").GetDouble(), oos.ToString());
                if (oos.GetProperty("evidence").GetString() == "clv")
                {
                    Assert.True(oos.GetProperty("clv").GetDouble() > 0);
                    // A spread-free sample has no finite z (null); otherwise it clears the one-sided 5 % bar.
                    Assert.True(
                        oos.GetProperty("clvZ") is not { ValueKind: JsonValueKind.Number } z || z.GetDouble() > 1.645,
                        oos.ToString()
                    );
                }
                else
                {
                    Assert.Equal("returns", oos.GetProperty("evidence").GetString());
                }
            }
        );

        // `picks` with no run shows the latest finished run's picks.
        var picks = await ClientProcess.RunAsync(["picks", "--json", "--gateway", silo.Gateway]);
        Assert.True(picks.ExitCode == 0, picks.StandardError);
        Assert.Equal(runPicks.GetArrayLength(), JsonDocument.Parse(picks.StandardOutput).RootElement.GetProperty("picks").GetArrayLength());

        // An operator pauses a deployed strategy (its votes weigh nothing) and resumes it at its weight.
        var deployed = await ClientProcess.RunJsonAsync(silo, "strategies", "list", "--json");
        var id = deployed.GetProperty("strategies").EnumerateArray().First().GetProperty("id").GetString()!;
        var weight = (await ClientProcess.RunJsonAsync(silo, "strategies", "show", id, "--json"))
            .GetProperty("consensusWeight")
            .GetDouble();
        var paused = await ClientProcess.RunJsonAsync(silo, "strategies", "pause", id, "--reason", "operator review", "--json");
        Assert.True(paused.GetProperty("paused").GetBoolean());
        Assert.Equal(0, paused.GetProperty("consensusWeight").GetDouble());
        Assert.Equal(
            "operator review",
            (await ClientProcess.RunJsonAsync(silo, "strategies", "show", id, "--json")).GetProperty("pausedReason").GetString()
        );
        var resumed = await ClientProcess.RunJsonAsync(silo, "strategies", "resume", id, "--json");
        Assert.False(resumed.GetProperty("paused").GetBoolean());
        Assert.Equal(weight, resumed.GetProperty("consensusWeight").GetDouble(), 6);
        var unknown = await ClientProcess.RunAsync(["strategies", "resume", "no-such-strategy", "--gateway", silo.Gateway]);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("no strategy 'no-such-strategy'", unknown.StandardError);
    }

    [Fact]
    public async Task ClientWithoutSiloSaysSoAndExitsNonZero()
    {
        var result = await ClientProcess.RunAsync(["status", "--gateway", $"127.0.0.1:{FreePorts.Next()}", "--connect-timeout", "5"]);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("No silo answered at 127.0.0.1:", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
    }

    [Fact]
    public async Task UnknownProfileFailsFastNamingTheSetting() =>
        await AssertFailsAsync(2, "Betting:Profile", extraArgs: ["--profile", "Cloud"]);

    [Fact]
    public async Task ClusterProfileWithoutConnectionStringFailsFast() =>
        await AssertFailsAsync(2, "ConnectionStrings:Betting", extraArgs: ["--profile", "Cluster"]);

    [Fact]
    public async Task UnreachableDatabaseFailsFastNamingTheSetting()
    {
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__Betting"] = $"Host=127.0.0.1;Port={FreePorts.Next()};Username=u;Password=hunter2;Timeout=3",
            ["Betting__Dashboard__Username"] = "ops",
            ["Betting__Dashboard__Password"] = "pw",
        };
        var stderr = await AssertFailsAsync(3, "ConnectionStrings:Betting", env, ["--profile", "Cluster"]);
        Assert.DoesNotContain("hunter2", stderr);
    }

    [Theory]
    [InlineData("--Betting:Market:Seasons=8", "Betting:Market:Seasons '8'")]
    [InlineData("--Betting:Agents:MaxDeployed=many", "'many' at 'Betting:Agents:MaxDeployed'")]
    [InlineData("--Betting:Health:Remediation:ConfirmSamples=0", "Betting:Health:Remediation:ConfirmSamples '0'")]
    [InlineData("--Betting:Simulator:Burst=0", "Betting:Simulator:Burst '0'")]
    public async Task ABadTypedOptionFailsTheSiloAtStartNamingTheKey(string argument, string named)
    {
        var stderr = await AssertFailsAsync(2, named, extraArgs: [argument]);
        Assert.Single(stderr.Trim().Split('\n')); // one line
    }

    [Fact]
    public async Task EveryBadOptionIsNamedInTheOneLine()
    {
        var stderr = await AssertFailsAsync(
            2,
            "Betting:Risk:MaxPerMatch '2'",
            extraArgs: ["--Betting:Risk:MaxPerMatch=2", "--Betting:LiveOdds:PollSeconds=0"]
        );
        Assert.Contains("Betting:LiveOdds:PollSeconds '0'", stderr);
    }

    /// <summary>An HTTP listener other machines can reach needs dashboard credentials (the dashboard, its log stream and /metrics).</summary>
    [Fact]
    public async Task AnOpenHttpListenerWithoutDashboardCredentialsRefusesToStart()
    {
        var stderr = await AssertFailsAsync(2, "Betting:Dashboard:Username", extraArgs: ["--urls", $"http://0.0.0.0:{FreePorts.Next()}"]);
        Assert.Contains("can be reached from other machines", stderr);
        Assert.Contains("127.0.0.1", stderr);
    }

    /// <summary>
    /// Every listener is judged, not only --urls: a Kestrel endpoint on every interface without
    /// dashboard credentials stops the silo (exit 2) naming it. (After start the silo also judges the
    /// addresses actually bound, for listeners no setting shows.)
    /// </summary>
    [Fact]
    public async Task AKestrelEndpointBeyondLoopbackWithoutCredentialsRefusesToStart()
    {
        var port = FreePorts.Next();
        var stderr = await AssertFailsAsync(
            2,
            "Betting:Dashboard:Username",
            extraArgs: [$"--Kestrel:Endpoints:Http:Url=http://0.0.0.0:{port}"]
        );
        Assert.Contains($"0.0.0.0:{port}", stderr);
        Assert.Contains("can be reached from other machines", stderr);
    }

    [Fact]
    public async Task PortInUseFailsFastNamingTheSetting()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        await AssertFailsAsync(2, "Orleans:SiloPort", siloPort: port);
        await AssertFailsAsync(2, "Orleans:GatewayPort", gatewayPort: port);
        await AssertFailsAsync(2, "urls", httpPort: port);
    }

    private async Task<string> AssertFailsAsync(
        int exitCode,
        string setting,
        Dictionary<string, string>? env = null,
        string[]? extraArgs = null,
        int? siloPort = null,
        int? gatewayPort = null,
        int? httpPort = null
    )
    {
        using var data = new TempDirectory("badconfig");
        await using var silo = SiloProcess.Start(data.Path, env, extraArgs, httpPort, siloPort, gatewayPort);
        var clock = Stopwatch.StartNew();
        Assert.Equal(exitCode, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        output.WriteLine($"failed in {clock.Elapsed.TotalSeconds:F1} s: {silo.Output.Trim()}");
        Assert.Contains(setting, silo.Output);
        Assert.DoesNotContain("   at ", silo.Output); // one clear line, not a stack trace
        return silo.Output;
    }

    private static async Task<JsonElement> StatusAsync(string gateway)
    {
        var result = await ClientProcess.RunAsync(["status", "--json", "--gateway", gateway]);
        Assert.True(result.ExitCode == 0, $"client status failed ({result.ExitCode}): {result.StandardError}");
        return JsonDocument.Parse(result.StandardOutput).RootElement;
    }
}
