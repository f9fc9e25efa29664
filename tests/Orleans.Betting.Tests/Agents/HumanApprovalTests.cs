using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Views;
using Orleans.Betting.Ledger;
using Orleans.Betting.Silo.Storage;
using Orleans.Betting.Swarms;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Agents;

/// <summary>A validated strategy held for a human is deployed by the loop once a human approves it, and then trades.</summary>
public sealed class HumanApprovalTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AHeldStrategyIsDeployedAfterAHumanApprovesItAndThenBets()
    {
        using var dir = new TempDirectory("agents-approval");
        await using var cluster = await StorageCluster.StartAsync(
            DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "approval.db")),
            "agents-approval",
            1,
            new Dictionary<string, string?>(ReplaySettings.Synthetic(7, "stale-book", "2015-2016..2019-2020"))
            {
                // Every validated strategy looks too good to deploy without a human.
                ["Betting:Agents:Review:MaxRoi"] = "0.001",
                // Slow enough that the approval lands while most of the season is still to trade.
                ["Betting:Clock:Speed"] = (86400.0 * 14 / 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
            }
        );
        foreach (var (name, _) in AgentNames.All)
        {
            await cluster.Grains.Agent(name).StartAsync("test");
        }

        var queue = cluster.Grains.GetGrain<IApprovalQueueGrain>(IApprovalQueueGrain.Key);
        var orchestrator = cluster.Grains.Agent(AgentNames.Orchestrator);
        await Eventually.WaitAsync(
            async () => (await queue.ListAsync()).Any(a => a.Kind == ApprovalKind.Strategy && a.State == ApprovalState.Pending),
            TimeSpan.FromMinutes(2)
        );
        var held = (await queue.ListAsync()).First(a => a.Kind == ApprovalKind.Strategy && a.State == ApprovalState.Pending);
        output.WriteLine($"held: {held.Spec} ({string.Join("; ", held.Flags)})");
        Assert.Contains(held.Flags, f => f.StartsWith("too good", StringComparison.Ordinal));
        Assert.Equal(0, (await orchestrator.GetStatusAsync()).MemoryAs<OrchestratorView>().Deployed);

        Assert.Equal(ApprovalState.Approved, (await queue.DecideAsync(held.Subject, approve: true, "ops-alice")).State);

        // The next cycle's review deploys it, saying why, and the consensus starts betting with it.
        var registry = cluster.Grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key);
        await Eventually.WaitAsync(async () => (await registry.ListAsync()).Any(d => d.Id == held.Subject), TimeSpan.FromMinutes(1));
        var deploy = (await orchestrator.GetDecisionsAsync(5000)).Last(d => d.Kind == DecisionKind.Deploy && d.Choice != "deploy none");
        Assert.Contains(deploy.Reasons, r => r.Contains($"{held.Spec}: deployed", StringComparison.Ordinal));
        var review = (await orchestrator.GetDecisionsAsync(5000)).Single(d =>
            d.Kind == DecisionKind.HumanReview && d.Cycle == deploy.Cycle
        );
        Assert.Equal("1", review.Inputs["approvedByHuman"]);

        var ledger = cluster.Grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper);
        await Eventually.WaitAsync(
            async () => (await ledger.GetBetsAsync()).Any(b => b.Strategies?.Contains(held.Subject) == true),
            TimeSpan.FromMinutes(2)
        );
        var first = (await ledger.GetBetsAsync()).First(b => b.Strategies?.Contains(held.Subject) == true);
        Assert.True(first.Cycle >= deploy.Cycle, $"bet in cycle {first.Cycle}, deployed in cycle {deploy.Cycle}");
    }
}
