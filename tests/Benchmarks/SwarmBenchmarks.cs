using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Silo.Hosting;
using Orleans.Betting.Silo.Storage;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Benchmarks;

/// <summary>
/// Swarm benchmarks on an embedded silo (localhost clustering, our ADO.NET storage on a SQLite file,
/// exactly the Embedded profile's wiring, in this process).
/// </summary>
public static class SwarmBenchmarks
{
    internal static async Task<(IHost Host, IGrainFactory Grains, string Dir)> StartSiloAsync(
        int port,
        IReadOnlyDictionary<string, string?>? configuration = null
    )
    {
        var dir = Path.Combine(Path.GetTempPath(), $"betting-bench-{Guid.NewGuid():N}");
        var settings = new SiloSettings(
            HostingProfile.Embedded,
            dir,
            DatabaseTarget.SqliteFile(Path.Combine(dir, "betting.db")),
            port,
            port + 1,
            null,
            "bench",
            "bench",
            null
        );
        await SchemaMigrator.ApplyAsync(settings.Database);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(configuration ?? new Dictionary<string, string?>());
        builder.Services.AddBettingGrainServices(builder.Configuration);
        builder.UseOrleans(silo => silo.ConfigureBetting(settings));
        var host = builder.Build();
        await host.StartAsync();
        return (host, host.Services.GetRequiredService<IGrainFactory>(), dir);
    }

    internal static async Task StopAsync(IHost host, string dir)
    {
        await host.StopAsync();
        host.Dispose();
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException) { }
    }

    private static Task<SwarmRunStatus> RunAsync(IGrainFactory grains, string id, SwarmRunRequest request) =>
        RunToEndAsync(grains.GetGrain<ISwarmRunGrain>(id), request);

    /// <summary>Starts a swarm run and waits until it has completed or failed.</summary>
    internal static async Task<SwarmRunStatus> RunToEndAsync(ISwarmRunGrain run, SwarmRunRequest request)
    {
        await run.StartAsync(request);
        while (true)
        {
            var status = await run.GetStatusAsync();
            if (status.Phase is SwarmPhase.Completed or SwarmPhase.Failed)
            {
                return status;
            }

            await Task.Delay(100);
        }
    }

    private static readonly string[] Seasons = Enumerable.Range(2015, 8).Select(y => $"{y}-{y + 1}").ToArray();

    /// <summary>Planted stale book in N seeds (deploy and win out of sample?) and edge-free controls (deploy nothing?).</summary>
    public static async Task<object> GroundTruthAsync(int seeds, int controls, int candidates)
    {
        var edgeRuns = new List<object>();
        var controlRuns = new List<object>();
        int found = 0,
            clean = 0;
        var clock = Stopwatch.StartNew();
        var port = 21000;
        foreach (var (plant, count, list) in new[] { ("stale-book", seeds, edgeRuns), ("none", controls, controlRuns) })
        {
            for (var seed = 1; seed <= count; seed++)
            {
                var (host, grains, dir) = await StartSiloAsync(port += 2);
                var seasons = await grains
                    .GetGrain<IMarketImportGrain>(0)
                    .GenerateAsync(new SyntheticMarketRequest(seed, 1, Seasons, plant));
                var status = await RunAsync(
                    grains,
                    $"gt-{plant}-{seed}",
                    new SwarmRunRequest(["S1"], Seasons[..6], Seasons[6..], candidates, seed)
                );
                var deployed = status.Validation.Where(v => status.Deployed.Contains(v.Id)).ToArray();
                var staleShares = new List<double>();
                foreach (var d in deployed)
                {
                    staleShares.Add(await StaleShareAsync(grains, d.Spec.Text, Seasons[6..]));
                }

                var success =
                    plant == "stale-book"
                        ? deployed.Any(d => d.OutOfSample.Roi > 0) && staleShares.Any(s => s >= 0.5)
                        : deployed.Length == 0;
                if (success && plant == "stale-book")
                {
                    found++;
                }
                else if (success)
                {
                    clean++;
                }

                list.Add(
                    new
                    {
                        seed,
                        status.Phase,
                        trials = status.Generation?.Trials,
                        deployed = deployed.Select(
                            (d, i) =>
                                new
                                {
                                    d.Spec,
                                    oosRoi = Math.Round(d.OutOfSample.Roi, 4),
                                    d.OutOfSample.Bets,
                                    staleBookShare = Math.Round(staleShares[i], 3),
                                }
                        ),
                        success,
                    }
                );
                Console.Error.WriteLine(
                    $"{plant} seed {seed}: {(success ? "ok" : "MISS")} {string.Join("; ", deployed.Select(d => d.Spec))}"
                );
                await StopAsync(host, dir);
            }
        }

        return new
        {
            benchmark = "swarm-ground-truth",
            candidates,
            staleBookFound = $"{found}/{seeds}",
            edgeFreeClean = $"{clean}/{controls}",
            seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            edgeRuns,
            controlRuns,
        };
    }

    /// <summary>Share of a strategy's out-of-sample bets taken at a price the stale book was offering.</summary>
    private static async Task<double> StaleShareAsync(IGrainFactory grains, string specText, string[] seasons)
    {
        var data = await Task.WhenAll(seasons.Select(s => grains.GetGrain<ILeagueSeasonGrain>($"S1/{s}").GetAsync()));
        return ShareAt(new MarketTimeline(data.SelectMany(d => d.Matches)), specText, MarketSimulator.StaleBook, betFrom: null);
    }

    /// <summary>A spec's flat-stake bets on a timeline (from <paramref name="betFrom"/> on), straight through the engine.</summary>
    internal static BacktestResult Replay(MarketTimeline timeline, string specText, DateTime? betFrom) =>
        BacktestEngine.Run(
            timeline,
            StrategyFactory.Create(StrategySpec.Parse(specText)),
            BacktestOptions.FlatUnits with
            {
                BootstrapSamples = 0,
                InitialBankroll = 1e9,
                BetFromUtc = betFrom,
            }
        );

    /// <summary>
    /// Share of a strategy's bets (from <paramref name="betFrom"/> on) taken at a price one book was
    /// offering: directly, or as the best price of the market.
    /// </summary>
    internal static double ShareAt(MarketTimeline timeline, string specText, PriceSource book, DateTime? betFrom)
    {
        var result = Replay(timeline, specText, betFrom);
        if (result.Bets.Count == 0)
        {
            return 0;
        }

        var at = result.Bets.Count(b =>
            b.Source == book
            || timeline
                .Matches[b.MatchIndex]
                .Quotes.Any(q =>
                    q.Source == book && q.Market == b.Market && q.Outcome == b.Outcome && q.Phase == b.Phase && q.Price == b.Price
                )
        );
        return (double)at / result.Bets.Count;
    }

    /// <summary>
    /// Wall time of one swarm run on 5 leagues × 10 seasons, beside its physical limit: the same
    /// evaluations (every candidate the generation backtested on the training seasons, and each
    /// validated candidate's holdout, three stress runs, closing-only run and training run) replayed
    /// straight through <see cref="BacktestEngine"/> on every core, with no grains, messages or
    /// storage, on timelines built beforehand. The ratio is the swarm's overhead over that kernel.
    /// </summary>
    public static async Task<object> WallTimeAsync(int candidates)
    {
        var (host, grains, dir) = await StartSiloAsync(22000);
        var seasons = Enumerable.Range(2013, 10).Select(y => $"{y}-{y + 1}").ToArray();
        string[] leagues = ["S1", "S2", "S3", "S4", "S5"];
        var generate = Stopwatch.StartNew();
        await grains.GetGrain<IMarketImportGrain>(0).GenerateAsync(new SyntheticMarketRequest(3, 5, seasons, "stale-book"));
        var generated = generate.Elapsed;
        var clock = Stopwatch.StartNew();
        var status = await RunAsync(grains, "wall", new SwarmRunRequest(leagues, seasons[..8], seasons[8..], candidates, 3));
        var wall = clock.Elapsed;

        // The evaluations the swarm ran: the strategy grains it activated (one per candidate) and its validations.
        var strategyType = grains.GetGrain<IStrategyGrain>("probe").GetGrainId().Type;
        var active = await grains.GetGrain<IManagementGrain>(0).GetActiveGrains(strategyType);
        var specs = await Task.WhenAll(
            active
                .Where(g => g.Key.ToString() != "probe")
                .Select(async g => (await grains.GetGrain<IStrategyGrain>(g.Key.ToString()).GetAsync()).Spec!)
        );
        async Task<MarketTimeline> TimelineAsync(IEnumerable<string> of)
        {
            var data = await Task.WhenAll(
                leagues.SelectMany(l => of.Select(s => grains.GetGrain<ILeagueSeasonGrain>($"{l}/{s}").GetAsync()))
            );
            return new MarketTimeline(data.SelectMany(d => d.Matches));
        }

        var train = await TimelineAsync(seasons[..8]);
        var all = await TimelineAsync(seasons);
        await StopAsync(host, dir);

        var firstTest = all.Matches.Where(m => seasons[8..].Contains(m.Season)).Min(m => m.KickoffUtc);
        var evaluations = new List<(MarketTimeline Timeline, StrategySpec Spec, BacktestOptions Options)>();
        var flat = new BacktestOptions(StakingPlan.Parse("flat"), StakeLimits.None, 1000, 0, 1, 0, 0, null);
        evaluations.AddRange(specs.Select(s => (train, s, flat)));
        foreach (var v in status.Validation)
        {
            var test = flat with { BootstrapSamples = 2000, Seed = 3, BetFromUtc = firstTest };
            evaluations.Add((all, v.Spec, test));
            evaluations.Add((all, v.Spec, test with { PriceWorsening = 0.02 }));
            evaluations.Add((all, v.Spec, test with { PriceWorsening = 0.05 }));
            evaluations.Add((all, v.Spec, test with { RefuseShare = 0.30 }));
            evaluations.Add((all, ClosingOnly(v.Spec), test));
            evaluations.Add((train, v.Spec, flat));
        }

        // Warm the JIT on one of each family, then time the replay on every core.
        foreach (var family in evaluations.GroupBy(e => e.Spec.Family).Select(g => g.First()))
        {
            BacktestEngine.Run(family.Timeline, StrategyFactory.Create(family.Spec), family.Options);
        }

        var byFamily = new System.Collections.Concurrent.ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        var kernelClock = Stopwatch.StartNew();
        Parallel.ForEach(
            evaluations,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            e =>
            {
                var one = Stopwatch.StartNew();
                var spec = e.Spec;
                BacktestEngine.Run(e.Timeline, StrategyFactory.Create(spec), e.Options);
                byFamily.AddOrUpdate(spec.Family, one.Elapsed.TotalSeconds, (_, t) => t + one.Elapsed.TotalSeconds);
            }
        );
        var kernel = kernelClock.Elapsed;
        return new
        {
            benchmark = "swarm-wall-time",
            leagues = leagues.Length,
            seasons = seasons.Length,
            candidates,
            status.Phase,
            trials = status.Generation?.Trials,
            validated = status.Validation.Count,
            deployed = status.Deployed.Count,
            matches = all.Count,
            evaluations = evaluations.Count,
            cores = Environment.ProcessorCount,
            generateSeconds = Math.Round(generated.TotalSeconds, 2),
            swarmSeconds = Math.Round(wall.TotalSeconds, 2),
            kernelSeconds = Math.Round(kernel.TotalSeconds, 2),
            swarmOverKernel = Math.Round(wall / kernel, 2),
            // Milliseconds of one core per evaluation, by family, in the replay.
            kernelMsPerEvaluation = byFamily
                .OrderBy(f => f.Key, StringComparer.Ordinal)
                .ToDictionary(f => f.Key, f => Math.Round(1000 * f.Value / evaluations.Count(e => e.Spec.Family == f.Key), 2)),
        };

        static StrategySpec ClosingOnly(StrategySpec parsed)
        {
            // As the strategy grain does for a closing-only stress run.
            return parsed.With("phase", "closing");
        }
    }

    /// <summary>Consensus latency with many deployed strategy grains voting on one matchday.</summary>
    public static async Task<object> ConsensusLatencyAsync(int strategies, int rounds)
    {
        var (host, grains, dir) = await StartSiloAsync(23000);
        await grains.GetGrain<IMarketImportGrain>(0).GenerateAsync(new SyntheticMarketRequest(9, 1, Seasons, "stale-book"));
        var random = new Random(9);
        var ids = new HashSet<string>();
        var families = StrategyFactory.Searchable;
        while (ids.Count < strategies)
        {
            var family = families[random.Next(families.Count)];
            var spec = new StrategySpec(family, StrategyFactory.Space(family).Sample(random));
            if (ids.Add(spec.Id))
            {
                await grains.GetGrain<IStrategyGrain>(spec.Id).DefineAsync(spec);
            }
        }

        var last = await grains.GetGrain<ILeagueSeasonGrain>($"S1/{Seasons[^1]}").SummaryAsync();
        var request = new ConsensusRequest(
            ids.ToArray(),
            ["S1"],
            Seasons,
            last.LastKickoffUtc!.Value.AddDays(-2).AddMinutes(1),
            2,
            ConsensusRule.Weighted,
            0.5,
            5000,
            1000
        );
        var consensus = grains.GetGrain<IConsensusSwarmGrain>("latency");
        var first = Stopwatch.StartNew();
        var warm = await consensus.RunAsync(request);
        var firstMs = first.Elapsed.TotalMilliseconds;
        var samples = new List<double>();
        ConsensusResult result = warm;
        for (var i = 0; i < rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            result = await consensus.RunAsync(request);
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        await StopAsync(host, dir);
        return new
        {
            benchmark = "consensus-latency",
            strategies,
            matches = result.Matches,
            picks = result.Picks.Count,
            absent = result.AbsentVoters.Count,
            firstRunMs = Math.Round(firstMs, 1),
            p50Ms = Math.Round(samples[samples.Count / 2], 1),
            p99Ms = Math.Round(samples[(int)(samples.Count * 0.99)], 1),
            rounds,
        };
    }
}
