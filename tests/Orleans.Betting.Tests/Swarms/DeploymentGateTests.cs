using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Silo.Storage;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;
using Orleans.Betting.Swarms.Rules;

namespace Orleans.Betting.Tests.Swarms;

/// <summary>The deployment gate's statistics through real grains: one set of trials for DSR, cumulative across searches; test periods after training; validated strategies only vote.</summary>
public sealed class DeploymentGateTests
{
    private static readonly string[] Train = ["2016-2017", "2017-2018", "2018-2019", "2019-2020"];
    private static readonly string[] Test = ["2020-2021", "2021-2022"];

    private static async Task<StorageCluster> ClusterAsync(TempDirectory dir, string plant)
    {
        var cluster = await StorageCluster.StartAsync(DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "g.db")), "gate");
        await cluster.Grains.GetGrain<IMarketImportGrain>(0).GenerateAsync(new SyntheticMarketRequest(5, 1, [.. Train, .. Test], plant));
        return cluster;
    }

    [Fact]
    public async Task TheDeflatedSharpeRatiosTrialsAndVarianceDescribeOneSetOfTrialsAndAddUpAcrossSearches()
    {
        using var dir = new TempDirectory("gate-dsr");
        await using var cluster = await ClusterAsync(dir, "none");
        var first = await cluster
            .Grains.GetGrain<IGenerationSwarmGrain>("gate-dsr-1")
            .RunAsync(new GenerationRequest("gate-dsr-1", ["S1"], Train, 40, 3));
        var tally = Assert.IsType<TrialTally>(first.Tally);

        // N is every fit trial (not a count of coarse clusters), and V their Sharpe variance: never 0 with N > 1.
        Assert.Equal(tally.Trials, first.EffectiveTrials);
        Assert.True(first.EffectiveTrials > 1, $"{first.EffectiveTrials} fit trials");
        Assert.Equal(tally.Variance, first.SharpeVariance, 12);
        Assert.True(first.SharpeVariance > 0);
        Assert.All(first.SharpeVarianceByFamily.Values, v => Assert.Equal(first.SharpeVariance, v, 12));

        // A second search on the same split starts from the first's ledger: N adds up, V is pooled.
        var second = await cluster
            .Grains.GetGrain<IGenerationSwarmGrain>("gate-dsr-2")
            .RunAsync(new GenerationRequest("gate-dsr-2", ["S1"], Train, 40, 4, PriorTrials: tally));
        Assert.Equal(tally.Trials + second.Tally!.Trials, second.EffectiveTrials);
        Assert.Equal(tally.Add(second.Tally).Variance, second.SharpeVariance, 12);

        // PBO on ten time blocks takes values in steps of 1/252 (C(10,5) splits), not just 0, ½ or 1.
        Assert.NotNull(first.Pbo);
        Assert.Equal(Math.Round(first.Pbo!.Value * 252), first.Pbo.Value * 252, 6);
    }

    [Fact]
    public void WithOneFitTrialOrIdenticalSharpeRatiosTheVarianceFallsBackToTheSamplingVarianceNotZero()
    {
        // The reference's check: SR 0.1, T 1000, N 100, V 0.0025 → DSR 0.2014513; with V = 0 the old code gave PSR(0) = 0.9991915.
        Assert.Equal(0.2014513, SharpeStatistics.Deflated(0.1, 1000, 0, 3, 100, 0.0025), 6);
        var v = ValidationEvidence.DeflationVariance(100, 1000);
        Assert.Equal(0.001, v, 12);
        Assert.True(SharpeStatistics.Deflated(0.1, 1000, 0, 3, 100, v) < 0.9);
        Assert.Equal(0, ValidationEvidence.DeflationVariance(1, 1000)); // one trial: nothing to deflate for
        // The bar is what N edge-free trials reach by noise on T bets, not the trials' real spread (which with CLV is large).
        Assert.Equal(0.001, ValidationEvidence.DeflationVariance(100, 1000), 12);
        Assert.Equal(0, TrialTally.Empty.Add(0.1).Variance);
        Assert.Equal(0.005, TrialTally.Empty.Add(0.1).Add(0.2).Variance, 12);
    }

    [Fact]
    public async Task ATestPeriodBeforeTrainingIsRefused()
    {
        using var dir = new TempDirectory("gate-order");
        await using var cluster = await ClusterAsync(dir, "none");
        var run = cluster.Grains.GetGrain<ISwarmRunGrain>("gate-order");
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            run.StartAsync(new SwarmRunRequest(["S1"], ["2018-2019", "2019-2020", "2021-2022"], ["2020-2021"], 20, 1))
        );
        Assert.Contains("test periods must be strictly after training", e.Message);
        var elo = StrategySpec.Parse("elo:book=market-max,edge=0.05,k=20,phase=opening");
        var warm = cluster.Grains.GetGrain<IStrategyGrain>(elo.Id);
        await warm.DefineAsync(elo);
        var late = await Assert.ThrowsAsync<ArgumentException>(() =>
            warm.BacktestAsync(new BacktestRequest("S1", ["2019-2020"], WarmUpSeasons: ["2020-2021"]))
        );
        Assert.Contains("must end before the tested seasons", late.Message);
    }

    [Fact]
    public async Task AClosingPhaseStrategyDoesNotVoteBeforeKickOffThroughAnUnvalidatedOpeningTwin()
    {
        using var dir = new TempDirectory("gate-vote");
        await using var cluster = await ClusterAsync(dir, "stale-book");
        var closing = StrategySpec.Parse("sharp-value:book=softbook,edge=0.05,method=multiplicative,phase=closing");
        var opening = StrategySpec.Parse("sharp-value:book=softbook,edge=0.05,method=multiplicative,phase=opening");
        await cluster.Grains.GetGrain<IStrategyGrain>(closing.Id).DefineAsync(closing);
        await cluster.Grains.GetGrain<IStrategyGrain>(opening.Id).DefineAsync(opening);
        var season = await cluster.Grains.GetGrain<ILeagueSeasonGrain>("S1/2021-2022").GetAsync();
        var upcoming = season.Matches.Where(m => m.KickoffUtc > season.Matches[^1].KickoffUtc.AddDays(-6)).ToArray();
        var clock = upcoming.Min(m => m.KickoffUtc).AddHours(-1); // before kick-off: openings known, closings not
        var request = new VoteRequest(["S1"], [.. Train, .. Test], clock, upcoming.Select(m => m.Id).ToList());

        var openingBallot = await cluster.Grains.GetGrain<IStrategyGrain>(opening.Id).VoteAsync(request);
        Assert.NotEmpty(openingBallot.Votes); // the stale book offers value at the opening: the opening strategy speaks
        var closingBallot = await cluster.Grains.GetGrain<IStrategyGrain>(closing.Id).VoteAsync(request);
        Assert.Empty(closingBallot.Votes); // the closing strategy has nothing to say until its prices exist
        Assert.Null(closingBallot.Abstains);
    }
}
