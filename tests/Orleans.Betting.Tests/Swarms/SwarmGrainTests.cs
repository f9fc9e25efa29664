using Orleans.Betting.Market;
using Orleans.Betting.Silo.Storage;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Swarms;

/// <summary>The swarms through real grains: generation, validation, consensus with absent voters, a run resumed after a crash.</summary>
public sealed class SwarmGrainTests(ITestOutputHelper output)
{
    private static readonly string[] Train = ["2016-2017", "2017-2018", "2018-2019", "2019-2020"];
    private static readonly string[] Test = ["2020-2021", "2021-2022"];

    private static async Task<SwarmRunStatus> WaitAsync(ISwarmRunGrain run, Func<SwarmRunStatus, bool> until, int seconds = 180)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var status = await run.GetStatusAsync();
        while (!until(status) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            status = await run.GetStatusAsync();
        }

        return status;
    }

    private static Task SeedAsync(IGrainFactory grains, int seed, string plant) =>
        grains.GetGrain<IMarketImportGrain>(0).GenerateAsync(new SyntheticMarketRequest(seed, 1, [.. Train, .. Test], plant));

    [Theory]
    [Trait(Tier.Name, Tier.System)] // a whole search end to end, 12–17 s a seed
    [InlineData(7)]
    [InlineData(11)]
    public async Task FindsAndDeploysThePlantedStaleBookEdge(int seed)
    {
        using var dir = new TempDirectory("swarm-edge");
        await using var cluster = await StorageCluster.StartAsync(
            DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "b.db")),
            "swarm",
            silos: 2
        );
        await SeedAsync(cluster.Grains, seed, "stale-book");
        var run = cluster.Grains.GetGrain<ISwarmRunGrain>($"edge-{seed}");
        await run.StartAsync(new SwarmRunRequest(["S1"], Train, Test, Candidates: 60, Seed: seed));
        var status = await WaitAsync(run, s => s.Phase is SwarmPhase.Completed or SwarmPhase.Failed);
        output.WriteLine(
            $"seed {seed}: {status.Phase} {status.Error} trials {status.Generation?.Trials}, deployed {string.Join("; ", status.Validation.Where(v => v.Approved).Select(v => $"{v.Spec} {v.OutOfSample.Roi:P1}"))}"
        );
        foreach (var v in status.Validation.Take(6))
        {
            output.WriteLine(
                $"  {v.Spec}: {string.Join(" | ", v.Verdicts.Select(x => $"{x.Validator} {(x.Passed ? "ok" : "FAIL")}: {x.Reason}"))}"
            );
        }

        Assert.Equal(SwarmPhase.Completed, status.Phase);
        Assert.Equal(60, status.Generation!.Trials); // the whole candidate budget is spent, each trial counted once
        Assert.NotEmpty(status.Deployed);
        var deployed = status.Validation.Where(v => status.Deployed.Contains(v.Id)).ToArray();
        Assert.All(deployed, v => Assert.True(v.Approved && v.OutOfSample.Roi > 0));
        Assert.All(deployed, v => Assert.Equal(4, v.Verdicts.Count)); // walk-forward, holdout, stress, deflated Sharpe
        var info = await cluster.Grains.GetGrain<IStrategyGrain>(status.Deployed[0]).GetAsync();
        Assert.Equal(StrategyLifecycle.Deployed, info.Lifecycle);
        Assert.Equal(4, info.Verdicts!.Count);
        Assert.Contains(
            (await cluster.Grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).ListAsync()),
            r => r.Id == status.Deployed[0]
        );
        Assert.NotNull(status.Consensus);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(11)]
    public async Task DeploysNothingOnTheEdgeFreeControl(int seed)
    {
        using var dir = new TempDirectory("swarm-control");
        await using var cluster = await StorageCluster.StartAsync(DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "b.db")), "swarm");
        await SeedAsync(cluster.Grains, seed, "none");
        var run = cluster.Grains.GetGrain<ISwarmRunGrain>($"control-{seed}");
        await run.StartAsync(new SwarmRunRequest(["S1"], Train, Test, Candidates: 60, Seed: seed));
        var status = await WaitAsync(run, s => s.Phase is SwarmPhase.Completed or SwarmPhase.Failed);
        output.WriteLine($"seed {seed}: {status.Phase}, {status.Validation.Count} validated candidates, deployed {status.Deployed.Count}");
        foreach (var v in status.Validation.Take(6))
        {
            output.WriteLine(
                $"  {v.Spec}: {string.Join(" | ", v.Verdicts.Select(x => $"{x.Validator} {(x.Passed ? "ok" : "FAIL")}: {x.Reason}"))}"
            );
        }
        Assert.Equal(SwarmPhase.Completed, status.Phase);
        Assert.Empty(status.Deployed);
        Assert.Empty(status.Consensus!.Picks);
    }

    /// <summary>A cluster on the stale-book market (seed 3), and a clock two days before the test seasons' last kick-off.</summary>
    private static async Task<(StorageCluster Cluster, DateTime Clock)> ConsensusClusterAsync(TempDirectory dir)
    {
        var cluster = await StorageCluster.StartAsync(DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "b.db")), "consensus");
        await SeedAsync(cluster.Grains, 3, "stale-book");
        var season = await cluster.Grains.GetGrain<ILeagueSeasonGrain>("S1/2021-2022").SummaryAsync();
        return (cluster, season.LastKickoffUtc!.Value.AddDays(-2).AddMinutes(1));
    }

    [Fact]
    public async Task APausedStrategyIsNoVoterUnderAnyRule()
    {
        using var dir = new TempDirectory("consensus-paused");
        var (seeded, clock) = await ConsensusClusterAsync(dir);
        await using var cluster = seeded;
        var active = StrategySpec.Parse("sharp-value:book=softbook,edge=0.05,method=multiplicative,phase=opening");
        // Its twin sees value nowhere: present, it would stop any unanimous or majority pick.
        var paused = StrategySpec.Parse("sharp-value:book=bet365,edge=0.5,method=multiplicative,phase=opening");
        await cluster.Grains.GetGrain<IStrategyGrain>(active.Id).DefineAsync(active);
        await cluster.Grains.GetGrain<IStrategyGrain>(paused.Id).DefineAsync(paused);
        var consensus = cluster.Grains.GetGrain<IConsensusSwarmGrain>("consensus-paused");
        var alone = await consensus.RunAsync(
            new ConsensusRequest([active.Id], ["S1"], [.. Train, .. Test], clock, 2, ConsensusRule.Unanimous, 0.5, 10_000, 1000)
        );
        Assert.NotEmpty(alone.Picks);

        var twoPresent = await consensus.RunAsync(
            new ConsensusRequest([active.Id, paused.Id], ["S1"], [.. Train, .. Test], clock, 2, ConsensusRule.Unanimous, 0.5, 10_000, 1000)
        );
        Assert.Empty(twoPresent.Picks); // the silent twin is a voter that does not agree

        await cluster.Grains.GetGrain<IStrategyGrain>(paused.Id).PauseAsync("test: drift");
        foreach (var rule in new[] { ConsensusRule.Unanimous, ConsensusRule.Majority, ConsensusRule.Quorum })
        {
            var withPaused = await consensus.RunAsync(
                new ConsensusRequest([active.Id, paused.Id], ["S1"], [.. Train, .. Test], clock, 2, rule, 1.0, 10_000, 1000)
            );
            Assert.Equal(1, withPaused.Voters);
            Assert.Empty(withPaused.AbsentVoters);
            Assert.Equal(alone.Picks.Select(p => (p.MatchId, p.Selection)), withPaused.Picks.Select(p => (p.MatchId, p.Selection)));
        }
    }

    [Fact]
    public async Task ConsensusRecordsFailingAndSlowVotersAsAbsentWithoutBlocking()
    {
        using var dir = new TempDirectory("consensus");
        var (seeded, clock) = await ConsensusClusterAsync(dir);
        await using var cluster = seeded;
        var spec = StrategySpec.Parse("sharp-value:book=softbook,edge=0.05,method=multiplicative,phase=opening");
        await cluster.Grains.GetGrain<IStrategyGrain>(spec.Id).DefineAsync(spec);
        var consensus = cluster.Grains.GetGrain<IConsensusSwarmGrain>("consensus-test");
        var request = new ConsensusRequest(
            [spec.Id, "never-defined"],
            ["S1"],
            [.. Train, .. Test],
            clock,
            2,
            ConsensusRule.Weighted,
            0.5,
            10_000,
            1000
        );

        var result = await consensus.RunAsync(request);
        Assert.Equal(["never-defined"], result.AbsentVoters); // it throws: absent, the other one votes
        Assert.True(result.Matches > 0);
        Assert.NotEmpty(result.Picks);
        // Kelly stakes under the caps: ≤ 2 % of the bankroll a bet, ≤ 10 % a day (later picks of a full day get nothing).
        Assert.All(
            result.Picks,
            p => Assert.True(p.Edge > 0 && p.Stake >= 0 && p.Stake <= 20.0001, $"{p.MatchId} edge {p.Edge} stake {p.Stake}")
        );
        Assert.All(result.Picks.GroupBy(p => p.KickoffUtc.Date), day => Assert.True(day.Sum(p => p.Stake) <= 100.0001));
        Assert.Contains(result.Picks, p => p.Stake > 0);

        // A deadline no voter can meet: all absent, and the swarm still answers at once.
        var started = DateTime.UtcNow;
        var rushed = await consensus.RunAsync(
            request with
            {
                StrategyIds = [StrategySpec.Parse("elo:book=softbook,phase=opening").Id],
                DeadlineMs = 0,
            }
        );
        Assert.Single(rushed.AbsentVoters);
        Assert.Empty(rushed.Picks);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ASecondRoundLetsVotersReviseAndTheRuleDecidesOnIt()
    {
        using var dir = new TempDirectory("consensus-deliberation");
        var (seeded, clock) = await ConsensusClusterAsync(dir);
        await using var cluster = seeded;
        // A seeded crowd of opening-price strategies of every family: they disagree on some matches.
        var random = new Random(17);
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        while (ids.Count < 12)
        {
            var family = StrategyFactory.Searchable[random.Next(StrategyFactory.Searchable.Count)];
            var spec = new StrategySpec(family, StrategyFactory.Space(family).Sample(random)).With("phase", "opening");
            if (ids.Add(spec.Id))
            {
                await cluster.Grains.GetGrain<IStrategyGrain>(spec.Id).DefineAsync(spec);
            }
        }

        // Two weeks of match days, each voted on at its start (as the agents do), in one round, in two, and in two again.
        async Task<ConsensusResult> RunAsync(string name, bool deliberate)
        {
            var results = new List<ConsensusResult>();
            for (var day = 0; day < 14; day++)
            {
                var request = new ConsensusRequest(
                    [.. ids],
                    ["S1"],
                    [.. Train, .. Test],
                    clock.Date.AddDays(day - 40),
                    1,
                    ConsensusRule.Weighted,
                    0.5,
                    10_000,
                    1000
                );
                results.Add(
                    await cluster
                        .Grains.GetGrain<IConsensusSwarmGrain>($"{name}-{day}")
                        .RunAsync(request with { Deliberate = deliberate, Deference = 1 })
                );
            }

            return new ConsensusResult(
                clock,
                results.Sum(r => r.Matches),
                ids.Count,
                [],
                [.. results.SelectMany(r => r.Picks)],
                0,
                results[0].Rounds,
                deliberate ? [.. results.SelectMany(r => r.Revisions!)] : null,
                deliberate ? [.. results.SelectMany(r => r.SilentInSecondRound!)] : null
            );
        }

        var once = await RunAsync("one-round", false);
        var twice = await RunAsync("two-rounds", true);
        var again = await RunAsync("two-rounds-again", true);
        output.WriteLine(
            $"{once.Matches} matches: {once.Picks.Count} picks in one round, {twice.Picks.Count} in two; {twice.Revisions!.Count} revisions ({twice.Revisions.Count(r => r.Action == RevisionAction.Withdrawn)} withdrawn)"
        );
        foreach (var revision in twice.Revisions.Take(3))
        {
            output.WriteLine($"  {revision.StrategyId} {revision.MatchId}: {revision.Reason}");
        }

        Assert.Equal((1, 2), (once.Rounds, twice.Rounds));
        Assert.Null(once.Revisions);
        Assert.Empty(twice.SilentInSecondRound!);
        Assert.NotEmpty(twice.Revisions);
        Assert.All(
            twice.Revisions,
            r =>
            {
                Assert.Contains(r.StrategyId, ids);
                Assert.True(r.ToProbability < r.FromProbability, r.Reason);
                Assert.Equal(r.Action == RevisionAction.Withdrawn, r.ToEdge <= 0);
                Assert.Contains("of its market's score is against", r.Reason, StringComparison.Ordinal);
            }
        );
        // The rule decided on the revised votes: some pick's weighted score moved, or a pick came or went.
        var first = once.Picks.ToDictionary(p => p.MatchId);
        Assert.Contains(
            twice.Picks.Select(p => (p.MatchId, p.Score)).Concat(once.Picks.Select(p => (p.MatchId, p.Score))),
            x =>
                !first.TryGetValue(x.MatchId, out var p)
                || twice.Picks.FirstOrDefault(t => t.MatchId == x.MatchId) is not { } t
                || Math.Abs(t.Score - p.Score) > 1e-9
        );
        // Same votes, same second round.
        Assert.Equal(twice.Revisions, again.Revisions);
        Assert.Equal(
            twice.Picks.Select(p => (p.MatchId, p.Selection, p.Price, p.Score, p.Stake, string.Join(",", p.Backers!))),
            again.Picks.Select(p => (p.MatchId, p.Selection, p.Price, p.Score, p.Stake, string.Join(",", p.Backers!)))
        );
    }

    [Fact]
    public async Task LearnedFamilyWeightsSteerTheSearchsIdeas()
    {
        using var dir = new TempDirectory("generation-focus");
        var (seeded, _) = await ConsensusClusterAsync(dir);
        await using var cluster = seeded;
        var generation = cluster.Grains.GetGrain<IGenerationSwarmGrain>("focus");
        var request = new GenerationRequest("focus-even", ["S1"], Train, 40, 5, DecisionPhase: Phase.Opening);
        var even = await generation.RunAsync(request);
        var focused = await cluster
            .Grains.GetGrain<IGenerationSwarmGrain>("focused")
            .RunAsync(
                request with
                {
                    RunId = "focus-elo",
                    FamilyWeights = new Dictionary<string, double> { ["elo"] = 0.9 },
                }
            );
        output.WriteLine($"even: {string.Join(", ", even.TrialsByFamily.Select(f => $"{f.Key} {f.Value}"))}");
        output.WriteLine($"focused: {string.Join(", ", focused.TrialsByFamily.Select(f => $"{f.Key} {f.Value}"))}");

        // Focused, elo has most of the ideas (evenly, ideation gives it a fifth and refinement follows the elites); every family still some.
        Assert.True(focused.TrialsByFamily["elo"] > focused.Trials / 2, $"{focused.TrialsByFamily["elo"]} of {focused.Trials}");
        Assert.True(
            focused.TrialsByFamily["elo"] > 2 * even.TrialsByFamily["elo"],
            $"{focused.TrialsByFamily["elo"]} against {even.TrialsByFamily["elo"]}"
        );
        Assert.All(focused.TrialsByFamily.Values, n => Assert.True(n >= 1));
        // The trial ledger's outcome per family comes back: what paid in training.
        Assert.Equal(focused.TrialsByFamily.Keys.Order(), focused.PayingByFamily!.Keys.Order());
        Assert.All(focused.PayingByFamily, p => Assert.InRange(p.Value, 0, focused.TrialsByFamily[p.Key]));
    }

    [Fact]
    public async Task ARunResumesAfterItsSiloDies()
    {
        using var dir = new TempDirectory("swarm-resume");
        var database = DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "b.db"));
        int trialsBefore;
        await using (var first = await StorageCluster.StartAsync(database, "resume"))
        {
            await SeedAsync(first.Grains, 5, "stale-book");
            var run = first.Grains.GetGrain<ISwarmRunGrain>("resume-me");
            await run.StartAsync(new SwarmRunRequest(["S1"], Train, Test, Candidates: 40, Seed: 5));
            var status = await WaitAsync(run, s => s.Phase >= SwarmPhase.Validating);
            Assert.True(status.Phase >= SwarmPhase.Validating, $"stuck in {status.Phase}");
            trialsBefore = status.Generation!.Trials;
            await first.Cluster.KillSiloAsync(first.Cluster.Primary!); // a crash, not a graceful stop
        }

        await using var second = await StorageCluster.StartAsync(database, "resume");
        var resumed = second.Grains.GetGrain<ISwarmRunGrain>("resume-me");
        var done = await WaitAsync(resumed, s => s.Phase is SwarmPhase.Completed or SwarmPhase.Failed);
        Assert.True(done.Phase == SwarmPhase.Completed, $"{done.Phase}: {done.Error}");
        Assert.True(done.Resumes >= 1);
        Assert.Equal(trialsBefore, done.Generation!.Trials); // generation was not redone
    }
}
