using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Agents;

/// <summary>The embedded main job with the agents on (a fast clock), watched and steered through the client.</summary>
[Trait(Tier.Name, Tier.System)]
public sealed class AgentsProcessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheMainJobRunsTheAgentsAndTheClientShowsAgentsDecisionsLedgerAndReport()
    {
        using var data = new TempDirectory("agents-proc");
        await using var silo = SiloProcess.Start(
            data.Path,
            extraArgs:
            [
                "--Betting:MainJob:Enabled=true",
                "--Betting:Market:Seasons=2015-2016..2019-2020",
                "--Betting:Agents:LearningSeasons=4",
                "--Betting:Agents:WindowDays=28",
                "--Betting:Agents:TickSeconds=0.2",
                "--Betting:Agents:SearchShare=1000",
                "--Betting:Agents:MaxCandidates=40",
                "--Betting:Agents:MaxDeployed=2",
                $"--Betting:Clock:Speed={86400 * 28}",
                // The health monitor watches the whole replay closely (its detectors warm up within 20 s, live odds every 2 s): a normal run raises no incident.
                "--Betting:Health:SampleSeconds=1",
                "--Betting:Health:AuditSeconds=2",
                "--Betting:Health:Detector:WarmUp=20",
                "--Betting:LiveOdds:PollSeconds=2",
            ]
        );
        await silo.WaitReadyAsync();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!silo.Output.Contains("[agents] paper ledger:", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        output.WriteLine(string.Join('\n', silo.Output.Split('\n').Where(l => l.StartsWith("[agents]", StringComparison.Ordinal))));
        Assert.Contains("[agents] paper ledger:", silo.Output);
        Assert.Contains("[agents] replay finished after", silo.Output);

        // A normal replay of the season (weeks of simulated time, searches at full CPU, live odds polled throughout) raises no incident.
        var incidents = (await ClientProcess.RunJsonAsync(silo, "incidents", "--json")).GetProperty("incidents");
        Assert.True(incidents.GetArrayLength() == 0, $"incidents in a normal replay: {incidents}");
        var metrics = await ClientProcess.RunJsonAsync(silo, "metrics", "--json");
        Assert.True(metrics.GetProperty("samples").GetInt64() >= 5, $"{metrics.GetProperty("samples")} health samples");
        output.WriteLine($"normal replay: {metrics.GetProperty("samples")} health samples, 0 incidents");

        var agents = await ClientProcess.RunJsonAsync(silo, "agents", "status", "--json");
        var list = agents.GetProperty("agents").EnumerateArray().ToList();
        Assert.Equal(
            [
                "orchestrator",
                "data-engineering",
                "strategy-analyst",
                "risk-management",
                "performance-analyst",
                "market-intelligence",
                "api-manager",
                "database",
                "notification",
                "logging",
                "self-healing",
            ],
            list.Select(a => a.GetProperty("name").GetString())
        );
        Assert.Equal(
            [
                "orchestrator",
                "specialist",
                "specialist",
                "specialist",
                "specialist",
                "specialist",
                "worker",
                "worker",
                "worker",
                "worker",
                "worker",
            ],
            list.Select(a => a.GetProperty("role").GetString())
        );
        Assert.All(list, a => Assert.Equal("Running", a.GetProperty("state").GetString()));
        Assert.True(list[0].GetProperty("ticks").GetInt64() > 0);

        var decisions = (await ClientProcess.RunJsonAsync(silo, "agents", "decisions", "--last", "1000", "--json"))
            .GetProperty("decisions")
            .EnumerateArray()
            .ToList();
        var kinds = decisions.Where(d => d.GetProperty("cycle").GetInt32() == 1).Select(d => d.GetProperty("kind").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "generate-or-evolve", "candidates", "data-period", "human-review", "deploy" }, kinds);

        var ledger = (await ClientProcess.RunJsonAsync(silo, "ledger", "--json")).GetProperty("bets").EnumerateArray().ToList();
        Assert.NotEmpty(ledger);
        Assert.All(ledger, b => Assert.True(b.GetProperty("price").GetDouble() > 1 && b.GetProperty("stake").GetDouble() > 0));
        var report = await ClientProcess.RunJsonAsync(silo, "report", "--json");
        Assert.Equal(ledger.Count, report.GetProperty("bets").GetInt32());
        Assert.True(report.GetProperty("settled").GetInt32() > 0);
        Assert.True(report.GetProperty("equity").GetArrayLength() > 1);
        output.WriteLine($"ROI {report.GetProperty("roi").GetDouble():P2} on {report.GetProperty("settled").GetInt32()} settled bets");

        // The equity curve as a PNG (ScottPlot) and in the terminal.
        var png = Path.Combine(data.Path, "equity.png");
        var chart = await ClientProcess.RunAsync(["report", "--png", png, "--gateway", silo.Gateway]);
        Assert.True(chart.ExitCode == 0, chart.StandardError);
        Assert.Contains("equity ", chart.StandardOutput);
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        Assert.True(bytes.Length > 10_000, $"{bytes.Length} bytes");
        File.Copy(png, Path.Combine(Path.GetTempPath(), "orleans-betting-equity.png"), overwrite: true);

        var messages = await ClientProcess.RunJsonAsync(silo, "agents", "messages", "notification", "--json");
        Assert.Equal(0, messages.GetProperty("outbox").GetInt32());

        var clock = await ClientProcess.RunJsonAsync(silo, "clock", "status", "--json");
        Assert.Equal("Replay", clock.GetProperty("mode").GetString());

        // Pause and resume from the client; an unknown agent is a usage error.
        var pause = await ClientProcess.RunAsync(["agents", "pause", "risk-management", "--reason", "test", "--gateway", silo.Gateway]);
        Assert.Equal(0, pause.ExitCode);
        Assert.Contains("risk-management: Paused (test)", pause.StandardOutput);
        var resume = await ClientProcess.RunAsync(["agents", "resume", "risk-management", "--gateway", silo.Gateway]);
        Assert.Contains("risk-management: Running", resume.StandardOutput);
        var unknown = await ClientProcess.RunAsync(["agents", "pause", "nobody", "--gateway", silo.Gateway]);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no agent 'nobody'", unknown.StandardError);
        Assert.Equal(0, await silo.StopAsync());
    }
}
