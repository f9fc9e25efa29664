using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Views;
using Orleans.Betting.Ledger;
using Orleans.Betting.Silo.Storage;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Agents;

/// <summary>Work asked on the bus and not answered: the orchestrator decides without it, says so, and stakes nothing unsized.</summary>
public sealed class BusWorkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AnUnansweredSizingIsDecidedOnAndNoUnsizedStakeGoesOut()
    {
        using var dir = new TempDirectory("bus-work");
        await using var cluster = await StorageCluster.StartAsync(
            DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "bus.db")),
            "bus-work",
            1,
            new Dictionary<string, string?>(ReplaySettings.Synthetic(7, "stale-book", "2015-2016..2019-2020"))
            {
                ["Betting:Agents:RequestDeadlineSeconds"] = "1.5",
            }
        );

        // RiskManagement is never started: a request to it is not acknowledged, so it times out at its deadline.
        foreach (var (name, _) in AgentNames.All.Where(a => a.Name != AgentNames.RiskManagement))
        {
            await cluster.Grains.Agent(name).StartAsync("test");
        }

        var orchestrator = cluster.Grains.Agent(AgentNames.Orchestrator);
        async Task<BusFlow?> SizeFlowAsync() => (await orchestrator.GetFlowsAsync()).FirstOrDefault(f => f.To == AgentNames.RiskManagement);
        await Eventually.WaitAsync(
            async () => (await SizeFlowAsync())?.TimedOut >= 2,
            TimeSpan.FromMinutes(2),
            async () => $"{await SizeFlowAsync()}"
        );

        var ledger = cluster.Grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper);
        Assert.Empty(await ledger.GetBetsAsync());
        var decisions = await orchestrator.GetDecisionsAsync(5000);
        var unsized = decisions
            .Where(d => d.Kind == DecisionKind.Timeout && d.Choice.EndsWith("not bet: no sizing", StringComparison.Ordinal))
            .ToList();
        Assert.True(unsized.Count >= 2, $"{unsized.Count} cycles decided without sizing");
        Assert.Contains(unsized[0].Reasons, r => r.Contains("did not answer within 1.5 s", StringComparison.Ordinal));
        Assert.Contains(
            decisions,
            d => d.Kind == DecisionKind.Timeout && d.Choice.StartsWith("size to risk-management", StringComparison.Ordinal)
        );
        output.WriteLine(
            string.Join(Environment.NewLine, unsized.Take(3).Select(d => $"cycle {d.Cycle}: {d.Choice}: {string.Join("; ", d.Reasons)}"))
        );

        // Once RiskManagement runs, the next cycles' sizing is answered and their bets go out.
        await cluster.Grains.Agent(AgentNames.RiskManagement).StartAsync("test");
        await Eventually.WaitAsync(async () => (await ledger.GetBetsAsync()).Count > 0, TimeSpan.FromMinutes(2));
        var flow = (await SizeFlowAsync())!;
        Assert.True(flow.Answered >= 1, $"{flow}");
        // Every request answered or timed out, but for at most one still in flight (the outbox also carries other messages, alerts among them).
        Assert.InRange(flow.Requests - flow.Answered - flow.TimedOut, 0, 1);
        var risk = (await cluster.Grains.Agent(AgentNames.RiskManagement).GetStatusAsync()).MemoryAs<RiskView>();
        Assert.True(risk.Accepted >= (await ledger.GetBetsAsync()).Count);
    }
}
