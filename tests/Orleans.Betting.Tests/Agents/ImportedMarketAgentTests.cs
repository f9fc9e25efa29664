using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Views;
using Orleans.Betting.Ledger;
using Orleans.Betting.Market;
using Orleans.Betting.Silo.Storage;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Agents;

/// <summary>
/// The agents on a real market: the shared football-data E0 seasons imported through the import grain, replayed
/// window by window. Whatever the gate finds there, every cycle is decided and logged, the work travels the bus,
/// and any bet is at a real bookmaker's price before kick-off, settled on the real result.
/// </summary>
public sealed class ImportedMarketAgentTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheAgentsTradeAnImportedRealLeague()
    {
        using var dir = new TempDirectory("agents-import");
        var seasons = Enumerable.Range(2017, 7).Select(y => $"{y}-{y + 1}").ToArray(); // 2017-2018 … 2023-2024
        await using var cluster = await StorageCluster.StartAsync(
            DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "import.db")),
            "agents-import",
            1,
            ReplaySettings.Imported("E0", $"{seasons[0]}..{seasons[^1]}", maxCandidates: 40)
        );

        var importer = cluster.Grains.GetGrain<IMarketImportGrain>(0);
        var matches = new Dictionary<string, MatchRecord>(StringComparer.Ordinal);
        foreach (var season in seasons)
        {
            var path = Path.Combine(RepoPaths.SharedData, "data", "football-data", "E0", season + ".csv");
            var report = await importer.ImportCsvAsync(Path.GetFileName(path), await File.ReadAllBytesAsync(path));
            Assert.True(report.RowsImported >= 370, $"{season}: {report.RowsImported} rows imported");
            foreach (var m in (await cluster.Grains.LeagueSeason("E0", season).GetAsync()).Matches)
            {
                matches[m.Id] = m;
            }
        }

        foreach (var (name, _) in AgentNames.All)
        {
            await cluster.Grains.Agent(name).StartAsync("test");
        }

        var orchestrator = cluster.Grains.Agent(AgentNames.Orchestrator);
        await Eventually.WaitAsync(
            async () => (await orchestrator.GetStatusAsync()).MemoryAs<OrchestratorView>().Cycle >= 12,
            TimeSpan.FromMinutes(4),
            async () => string.Join(" | ", (await orchestrator.GetStatusAsync()).Memory.Select(m => $"{m.Key}={m.Value}"))
        );

        var status = await orchestrator.GetStatusAsync();
        var view = status.MemoryAs<OrchestratorView>();
        output.WriteLine(string.Join("\n", status.Memory.Select(m => $"{m.Key}: {m.Value}")));
        Assert.Equal(AgentState.Running, status.State);
        var data = (await cluster.Grains.Agent(AgentNames.DataEngineering).GetStatusAsync()).MemoryAs<DataEngineeringView>();
        Assert.StartsWith("imported E0", data.Market);

        // Every finished cycle carries the five decisions with reasons; the first searched the real seasons.
        var decisions = await orchestrator.GetDecisionsAsync(5000);
        for (var c = 1; c < view.Cycle; c++)
        {
            var kinds = decisions.Where(d => d.Cycle == c).Select(d => d.Kind).ToHashSet();
            Assert.All(DecisionKind.EveryCycle, k => Assert.Contains(k, kinds));
        }

        var searched = decisions.Where(d => d.Kind == DecisionKind.Candidates && d.Choice != "0").ToList();
        Assert.NotEmpty(searched);
        foreach (var d in decisions.Where(d => d.Kind is var k && (k == DecisionKind.Candidates || k == DecisionKind.Deploy)).Take(6))
        {
            output.WriteLine($"cycle {d.Cycle} {d.Kind}: {d.Choice} — {string.Join(" / ", d.Reasons.Take(3))}");
        }

        // The work travelled the bus and was answered.
        var flows = await orchestrator.GetFlowsAsync();
        Assert.All(flows, f => Assert.Equal(0, f.TimedOut));
        Assert.True(flows.Single(f => f.Kind == "facts").Answered >= view.Cycle - 1);

        // Any bet is on a real match, at a price taken before its kick-off, and a settled one pays by the real result.
        var bets = await cluster.Grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).GetBetsAsync();
        output.WriteLine($"{view.Cycle} cycles, {view.Deployed} deployed, {bets.Count} bets");
        foreach (var bet in bets)
        {
            var match = matches[bet.MatchId];
            Assert.True(bet.PlacedUtc < match.KickoffUtc, $"{bet.Id} placed {bet.PlacedUtc:u}, kick-off {match.KickoffUtc:u}");
            if (bet.Status is BetStatus.Won or BetStatus.Lost)
            {
                var unit = Orleans.Betting.Quant.Settlement.UnitReturn(
                    bet.Selection.Market,
                    bet.Selection.Outcome,
                    bet.Selection.LineOrNaN,
                    bet.Price,
                    match.Result!
                );
                Assert.Equal(Math.Round(bet.Stake * unit, 6), Math.Round(bet.Profit, 6));
            }
        }

        var insights = await cluster.Grains.GetGrain<IPerformanceAnalystAgent>(AgentNames.PerformanceAnalyst).InsightsAsync();
        Assert.Equal("imported market (real history)", insights.Market);
    }
}
