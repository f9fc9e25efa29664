using System.Diagnostics;
using MathNet.Numerics.Distributions;
using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Benchmarks;

/// <summary>
/// The deployment gate's power to find a small edge, against the oracle. For each edge size and
/// seed: a synthetic market with the value-book plant (leagues × 8 seasons, 6 train, 2 test), one
/// swarm run through an embedded silo, and a hit when a deployed strategy exploits the plant (at
/// least half its out-of-sample bets at the ValueBook's price, and a positive out-of-sample ROI).
/// The control is the same seeds with the same bookmaker priced like the others (--plant none):
/// its false-positive rate is the share of seeds with anything deployed. The oracle knows the rule:
/// bet the ValueBook wherever its closing price beats Pinnacle's de-margined close, on the same test
/// seasons, one pre-registered one-sided test at the same level as the gate (α = 0.05).
/// </summary>
public static class SwarmPowerBenchmark
{
    private const double Alpha = ValidationSwarmGrain.Alpha;
    private static readonly string[] Seasons = Enumerable.Range(2015, 8).Select(y => $"{y}-{y + 1}").ToArray();

    /// <param name="oracleOnly">Only the oracle's figures (seconds instead of minutes: no swarm runs).</param>
    public static async Task<object> RunAsync(
        IReadOnlyList<double> edges,
        double share,
        int seeds,
        int leagues,
        int candidates,
        bool oracleOnly = false
    )
    {
        var clock = Stopwatch.StartNew();
        var port = 24000;
        var rows = new List<object>();
        var leagueCodes = Enumerable.Range(1, leagues).Select(l => $"S{l}").ToArray();
        var goalsMet = true;
        foreach (var edge in edges)
        {
            var plant = MarketPlant.ValueBook(edge, share);
            int hits = 0,
                oracleHits = 0;
            double expected = 0,
                perfect = 0;
            var runs = new List<object>();
            for (var seed = 1; seed <= seeds; seed++)
            {
                var (hit, deployed, seconds) = oracleOnly
                    ? (false, [], 0)
                    : await SwarmRunAsync(plant, seed, leagueCodes, candidates, port += 2);
                var oracle = Oracle(plant, seed, leagues);
                hits += hit ? 1 : 0;
                oracleHits += oracle.Rejects ? 1 : 0;
                expected += oracle.ExpectedPower / seeds;
                perfect += oracle.PerfectPower / seeds;
                runs.Add(
                    new
                    {
                        seed,
                        hit,
                        deployed,
                        oracleP = Math.Round(oracle.P, 4),
                        oracleBets = oracle.Bets,
                        seconds,
                    }
                );
                Console.Error.WriteLine(
                    $"edge {edge} seed {seed}: swarm {(hit ? "HIT" : "miss")}, oracle p {oracle.P:F3} on {oracle.Bets} bets ({seconds:F0} s) {string.Join("; ", deployed)}"
                );
            }

            var power = hits / (double)seeds;
            var oraclePower = oracleHits / (double)seeds;
            goalsMet &= power >= 0.8 * oraclePower;
            rows.Add(
                new
                {
                    edge,
                    share,
                    seeds,
                    power,
                    oraclePower,
                    oracleExpectedPower = Math.Round(expected, 3),
                    perfectRuleExpectedPower = Math.Round(perfect, 3),
                    ratio = oraclePower > 0 ? Math.Round(power / oraclePower, 3) : (double?)null,
                    runs,
                }
            );
        }

        int falsePositives = 0,
            oracleFalsePositives = 0;
        double oracleExpectedFalsePositives = 0;
        var controlRuns = new List<object>();
        for (var seed = 1; seed <= seeds; seed++)
        {
            var (_, deployed, seconds) = oracleOnly
                ? (false, [], 0)
                : await SwarmRunAsync(MarketPlant.None, seed, leagueCodes, candidates, port += 2);
            var oracle = Oracle(MarketPlant.None, seed, leagues);
            falsePositives += deployed.Count > 0 ? 1 : 0;
            oracleFalsePositives += oracle.Rejects ? 1 : 0;
            oracleExpectedFalsePositives += oracle.ExpectedPower / seeds;
            controlRuns.Add(
                new
                {
                    seed,
                    deployed,
                    oracleP = Math.Round(oracle.P, 4),
                    seconds,
                }
            );
            Console.Error.WriteLine(
                $"control seed {seed}: {deployed.Count} deployed, oracle p {oracle.P:F3} ({seconds:F0} s) {string.Join("; ", deployed)}"
            );
        }

        var falsePositiveRate = falsePositives / (double)seeds;
        return new
        {
            benchmark = "swarm-power",
            leagues,
            seasons = "6 train, 2 test",
            candidates,
            alpha = Alpha,
            rows,
            control = new
            {
                seeds,
                falsePositiveRate,
                oracleFalsePositiveRate = oracleFalsePositives / (double)seeds,
                oracleExpectedFalsePositiveRate = Math.Round(oracleExpectedFalsePositives, 3),
                runs = controlRuns,
            },
            goals = new { controlFalsePositiveRateAtMost = 0.05, powerAtLeastShareOfOracle = 0.8 },
            goalsMet = goalsMet && falsePositiveRate <= 0.05,
            seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        };
    }

    private static async Task<(bool Hit, List<string> Deployed, double Seconds)> SwarmRunAsync(
        MarketPlant plant,
        int seed,
        string[] leagues,
        int candidates,
        int port
    )
    {
        var clock = Stopwatch.StartNew();
        var (host, grains, dir) = await SwarmBenchmarks.StartSiloAsync(port);
        try
        {
            await grains
                .GetGrain<IMarketImportGrain>(0)
                .GenerateAsync(new SyntheticMarketRequest(seed, leagues.Length, Seasons, plant.ToString()));
            var run = grains.GetGrain<ISwarmRunGrain>($"power-{seed}");
            await run.StartAsync(new SwarmRunRequest(leagues, Seasons[..6], Seasons[6..], candidates, seed));
            SwarmRunStatus status;
            while (true)
            {
                status = await run.GetStatusAsync();
                if (status.Phase is SwarmPhase.Completed or SwarmPhase.Failed)
                {
                    break;
                }

                await Task.Delay(200);
            }

            if (status.Phase == SwarmPhase.Failed)
            {
                throw new InvalidOperationException($"swarm run failed: {status.Error}");
            }

            var data = await Task.WhenAll(
                leagues.SelectMany(l => Seasons.Select(s => grains.GetGrain<ILeagueSeasonGrain>($"{l}/{s}").GetAsync()))
            );
            var timeline = new MarketTimeline(data.SelectMany(d => d.Matches));
            var hit = false;
            var deployed = new List<string>();
            foreach (var v in status.Validation.Where(v => status.Deployed.Contains(v.Id)))
            {
                var plantShare = PlantShare(timeline, v.Spec, Seasons[6]);
                hit |= v.OutOfSample.Roi > 0 && plantShare >= 0.5;
                deployed.Add($"{v.Spec} (oos ROI {v.OutOfSample.Roi:P1}, {v.OutOfSample.Bets} bets, {plantShare:P0} at the ValueBook)");
            }

            // The first candidate of the fixed sequence (best on training) and what stopped it, for the record.
            if (
                status.Validation.MinBy(v =>
                    v.Verdicts.FirstOrDefault(x => x.Validator == "holdout")?.Figures.GetValueOrDefault("sequence", 99) ?? 99
                ) is
                { } first
            )
            {
                Console.Error.WriteLine(
                    $"  first in sequence: {first.Spec} oos ROI {first.OutOfSample.Roi:P1} on {first.OutOfSample.Bets}, at the ValueBook {PlantShare(timeline, first.Spec, Seasons[6]):P0}; "
                        + string.Join("; ", first.Verdicts.Select(x => $"{x.Validator} {(x.Passed ? "ok" : "FAIL")}: {x.Reason}"))
                );
            }

            return (hit, deployed, Math.Round(clock.Elapsed.TotalSeconds, 1));
        }
        finally
        {
            await SwarmBenchmarks.StopAsync(host, dir);
        }
    }

    /// <summary>Share of a strategy's out-of-sample bets taken at a price the ValueBook was offering (directly or as the market's best).</summary>
    private static double PlantShare(MarketTimeline timeline, string spec, string firstTestSeason) =>
        SwarmBenchmarks.ShareAt(
            timeline,
            spec,
            PriceSource.ValueBook,
            timeline.Matches.First(m => string.CompareOrdinal(m.Season, firstTestSeason) >= 0).KickoffUtc
        );

    /// <summary>
    /// The oracle: the true rule, tested once on the test seasons (flat stakes, one-sided z-test of
    /// mean return &gt; 0). Beside its realised verdict, the power it has in expectation on this very
    /// market (from the true probabilities: Σ expected return over √Σ variance, against the critical
    /// value), and the same for the perfect rule that bets exactly the planted prices: the limit no
    /// test on these seasons can pass, whatever it knows.
    /// </summary>
    internal static (bool Rejects, double P, int Bets, double ExpectedPower, double PerfectPower) Oracle(
        MarketPlant plant,
        int seed,
        int leagues
    )
    {
        var truth = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var seasons = MarketSimulator.Generate(new SimulationOptions(seed, leagues, Seasons, plant), (id, t) => truth[id] = t.X12);
        var returns = new List<double>();
        double mean = 0,
            variance = 0,
            perfectMean = 0,
            perfectVariance = 0;
        foreach (var m in seasons.Where(s => Array.IndexOf(Seasons, s.Season) >= 6).SelectMany(s => s.Matches))
        {
            double Price(PriceSource source, Outcome outcome) =>
                m
                    .Quotes.Where(q =>
                        q.Source == source && q.Market == MarketType.MatchOdds && q.Outcome == outcome && q.Phase == Phase.Closing
                    )
                    .Select(q => q.Price)
                    .DefaultIfEmpty(double.NaN)
                    .First();
            var p = truth[m.Id];
            foreach (var outcome in new[] { Outcome.Home, Outcome.Draw, Outcome.Away })
            {
                var price = Price(PriceSource.ValueBook, outcome);
                var q = p[(int)outcome];
                if (price * q > 1 + 1e-9)
                {
                    // A planted price (only the plant offers more than fair value).
                    perfectMean += price * q - 1;
                    perfectVariance += price * price * q * (1 - q);
                }
            }

            double[] pinnacle =
            [
                Price(PriceSource.Pinnacle, Outcome.Home),
                Price(PriceSource.Pinnacle, Outcome.Draw),
                Price(PriceSource.Pinnacle, Outcome.Away),
            ];
            if (pinnacle.Any(x => !(x > 1)))
            {
                continue;
            }

            var booksum = pinnacle.Sum(x => 1 / x);
            foreach (var outcome in new[] { Outcome.Home, Outcome.Draw, Outcome.Away })
            {
                var price = Price(PriceSource.ValueBook, outcome);
                if (price * (1 / pinnacle[(int)outcome] / booksum) > 1)
                {
                    returns.Add(Settlement.UnitReturn(MarketType.MatchOdds, outcome, double.NaN, price, m.Result!));
                    var q = p[(int)outcome];
                    mean += price * q - 1;
                    variance += price * price * q * (1 - q);
                }
            }
        }

        var pValue = ValidationSwarmGrain.OneSidedP(returns);
        var critical = Normal.InvCDF(0, 1, 1 - Alpha);
        double Power(double mu, double var) => var > 0 ? 1 - Normal.CDF(0, 1, critical - mu / Math.Sqrt(var)) : 0;
        return (pValue <= Alpha, pValue, returns.Count, Power(mean, variance), Power(perfectMean, perfectVariance));
    }
}
