using Orleans.Betting.Agents;
using Orleans.Betting.Ledger;
using Orleans.Betting.Silo.Storage;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Agents;

/// <summary>A deployed strategy whose live record decays is proposed for retirement by the PerformanceAnalyst and retired by the loop.</summary>
public sealed class DecayRetirementTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ADeployedStrategyLosingToTheCloseIsRetiredThroughTheLoop()
    {
        using var dir = new TempDirectory("agents-decay");
        await using var cluster = await StorageCluster.StartAsync(
            DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "decay.db")),
            "agents-decay",
            1,
            new Dictionary<string, string?>(ReplaySettings.Synthetic(5, "none", "2015-2016..2019-2020", maxCandidates: 8))
            {
                ["Betting:Agents:MinCandidates"] = "4",
                ["Betting:Agents:MaxDeployed"] = "1", // full: the search deploys nothing beside it
                ["Betting:Agents:Performance:MinBets"] = "15",
            }
        );

        // A strategy deployed by hand (as an operator might): an Elo model taking one soft book's opening prices on a
        // market with no edge to find. What it bets loses the bookmaker's margin and is beaten by the close.
        var spec = StrategySpec.Parse("elo:book=bet365,draw=0.26,edge=0.02,home=60,k=20,phase=opening");
        var strategy = await HandDeployment.DeployAsync(cluster.Grains, spec, "by hand");
        var registry = cluster.Grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key);

        foreach (var (name, _) in AgentNames.All)
        {
            await cluster.Grains.Agent(name).StartAsync("test");
        }

        await Eventually.WaitAsync(async () => (await registry.ListAsync()).All(d => d.Id != spec.Id), TimeSpan.FromMinutes(3));

        // The PerformanceAnalyst proposed it with its figures; the orchestrator retired it, saying why and by which rule.
        var proposal = Assert.Single(
            await cluster.Grains.Agent(AgentNames.PerformanceAnalyst).GetDecisionsAsync(),
            d => d.Kind == DecisionKind.RetireProposal && d.Choice == spec.Id
        );
        output.WriteLine($"proposed: {string.Join(", ", proposal.Inputs.Select(i => $"{i.Key} {i.Value}"))}: {proposal.Reasons[0]}");
        Assert.True(int.Parse(proposal.Inputs["bets"], System.Globalization.CultureInfo.InvariantCulture) >= 15);
        Assert.StartsWith("-", proposal.Inputs["roi"], StringComparison.Ordinal);
        Assert.StartsWith("-", proposal.Inputs["meanClv"], StringComparison.Ordinal);

        var retire = Assert.Single(
            await cluster.Grains.Agent(AgentNames.Orchestrator).GetDecisionsAsync(5000),
            d => d.Kind == DecisionKind.Retire && d.Choice == spec.Id
        );
        output.WriteLine($"retired in cycle {retire.Cycle}: {string.Join(" / ", retire.Reasons)}");
        Assert.StartsWith("live record decayed: ", retire.Reasons[0], StringComparison.Ordinal);
        Assert.Contains("outranks the validation", retire.Reasons[1], StringComparison.Ordinal);
        var info = await strategy.GetAsync();
        Assert.Equal(StrategyLifecycle.Retired, info.Lifecycle);

        // It bets no more: nothing of its is placed after the cycle that retired it.
        var bets = await cluster.Grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).GetBetsAsync();
        Assert.Contains(bets, b => b.Strategies?.Contains(spec.Id) == true);
        Assert.DoesNotContain(bets, b => b.Strategies?.Contains(spec.Id) == true && b.Cycle > retire.Cycle);
    }
}
