using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Silo.Storage;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Agents;

/// <summary>The StrategyAnalyst re-validates deployed strategies on data that completed after their validation, never a holdout again.</summary>
public sealed class RevalidationTests(ITestOutputHelper output)
{
    private static BacktestFigures Figures(int clvBets, double? clv, double? sd) =>
        new(clvBets, clvBets / 2, clvBets * 10, -5, -0.05, 0.5, 2.1, 50, -0.02, -0.4, clv, clvBets, -0.2, 0.1, 950, sd);

    [Fact]
    public void TheCloseBeatingItsPricesBeyondChanceFailsIt()
    {
        // −2 % CLV, sd 5 %, 100 bets: z −4. Failed.
        var (failed, reason) = Revalidation.Judge("E0", "2019-2020", Figures(100, -0.02, 0.05));
        Assert.True(failed);
        Assert.Equal(
            "E0 2019-2020 (fresh): 100 bets, mean CLV -2.00 % (z -4.00), ROI -5.0 %: the close beats its prices beyond chance",
            reason
        );
        Assert.False(Revalidation.Judge("E0", "2019-2020", Figures(100, -0.005, 0.05)).Failed); // z −1: chance
        Assert.False(Revalidation.Judge("E0", "2019-2020", Figures(100, 0.02, 0.05)).Failed);
        Assert.Contains(
            "fewer than 30: no verdict",
            Revalidation.Judge("E0", "2019-2020", Figures(29, -0.5, 0.05)).Reason,
            StringComparison.Ordinal
        );

        DateTime D(int y, int m) => new(y, m, 1, 0, 0, 0, DateTimeKind.Utc);
        var seasons = new (string, DateTime?, DateTime?)[]
        {
            ("2017-2018", D(2017, 8), D(2018, 5)),
            ("2018-2019", D(2018, 8), D(2019, 5)),
            ("2019-2020", D(2019, 8), D(2020, 5)),
            ("2020-2021", D(2020, 8), D(2021, 5)),
        };
        // After the last season its validation read, completed by now; a season still running is not fresh data yet.
        Assert.Equal(["2019-2020"], Revalidation.Fresh(seasons, "2018-2019", D(2019, 7), D(2021, 1)));
        Assert.Equal(["2019-2020", "2020-2021"], Revalidation.Fresh(seasons, "2018-2019", D(2019, 7), D(2021, 6)));
        // No validation on record: the seasons begun after it was first seen deployed.
        Assert.Equal(["2020-2021"], Revalidation.Fresh(seasons, null, D(2019, 9), D(2021, 6)));
    }

    [Fact]
    public async Task ADeployedStrategyFailingOnAFreshSeasonIsRetiredThroughTheLoop()
    {
        using var dir = new TempDirectory("agents-revalidation");
        await using var cluster = await StorageCluster.StartAsync(
            DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "revalidation.db")),
            "agents-revalidation",
            1,
            new Dictionary<string, string?>(ReplaySettings.Synthetic(5, "none", "2015-2016..2020-2021", maxCandidates: 8))
            {
                ["Betting:Agents:MinCandidates"] = "4",
                ["Betting:Agents:MaxDeployed"] = "1",
                // Its live record alone would take too long to condemn it: only the re-validation can.
                ["Betting:Agents:Performance:MinBets"] = "100000",
            }
        );

        // Validated (by hand) in a run that read 2015-16 to 2018-19: 2019-20 is fresh data once it completes.
        var run = cluster.Grains.GetGrain<ISwarmRunGrain>("hand-run");
        await run.StartAsync(
            new SwarmRunRequest(["S1"], ["2015-2016", "2016-2017"], ["2017-2018", "2018-2019"], 4, 5, DeployAndVote: false)
        );
        await Eventually.WaitAsync(
            async () => (await run.GetStatusAsync()).Phase is SwarmPhase.Completed or SwarmPhase.Failed,
            TimeSpan.FromMinutes(2)
        );

        var spec = StrategySpec.Parse("elo:book=bet365,draw=0.26,edge=0.02,home=60,k=20,phase=opening");
        var strategy = await HandDeployment.DeployAsync(cluster.Grains, spec, "hand-run");
        var registry = cluster.Grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key);

        foreach (var (name, _) in AgentNames.All)
        {
            await cluster.Grains.Agent(name).StartAsync("test");
        }

        await Eventually.WaitAsync(async () => (await registry.ListAsync()).All(d => d.Id != spec.Id), TimeSpan.FromMinutes(3));

        var analyst = cluster.Grains.Agent(AgentNames.StrategyAnalyst);
        var verdicts = (await analyst.GetDecisionsAsync())
            .Where(d => d.Kind == DecisionKind.Revalidation && d.Choice.StartsWith(spec.Id, StringComparison.Ordinal))
            .ToList();
        foreach (var v in verdicts)
        {
            output.WriteLine($"{v.Choice} on {v.Inputs["season"]}: {v.Reasons[0]}");
        }

        // Only seasons after the last one its validation read were used; the first of them condemned it.
        var failed = Assert.Single(verdicts, v => v.Choice.EndsWith(": failed", StringComparison.Ordinal));
        Assert.Equal("S1/2019-2020", failed.Inputs["season"]);
        Assert.Equal("2018-2019", failed.Inputs["lastValidated"]);
        Assert.All(verdicts, v => Assert.True(string.CompareOrdinal(v.Inputs["season"], "S1/2018-2019") > 0));

        var retire = Assert.Single(
            await cluster.Grains.Agent(AgentNames.Orchestrator).GetDecisionsAsync(5000),
            d => d.Kind == DecisionKind.Retire && d.Choice == spec.Id
        );
        output.WriteLine($"retired in cycle {retire.Cycle}: {string.Join(" / ", retire.Reasons)}");
        Assert.StartsWith("re-validation on fresh data failed: S1 2019-2020 (fresh)", retire.Reasons[0], StringComparison.Ordinal);
        Assert.Contains("fresh evidence (StrategyAnalyst)", retire.Reasons[1], StringComparison.Ordinal);
        Assert.Equal(StrategyLifecycle.Retired, (await strategy.GetAsync()).Lifecycle);

        // Judged only once the season was over on the market clock (no look-ahead): it traded 2019-20 first.
        var bets = await cluster
            .Grains.GetGrain<Orleans.Betting.Ledger.ILedgerGrain>(Orleans.Betting.Ledger.ILedgerGrain.Paper)
            .GetBetsAsync();
        Assert.Contains(bets, b => b.Season == "2019-2020" && b.Strategies?.Contains(spec.Id) == true);
        Assert.DoesNotContain(bets, b => b.Season == "2020-2021" && b.Strategies?.Contains(spec.Id) == true && b.Cycle > retire.Cycle);
    }
}
