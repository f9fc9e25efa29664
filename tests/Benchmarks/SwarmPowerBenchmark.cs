using System.Diagnostics;
using MathNet.Numerics.Distributions;
using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Swarms;
using Orleans.Betting.Swarms.Rules;

namespace Orleans.Betting.Benchmarks;

/// <summary>
/// The deployment gate's power to find a sized edge, against a true oracle, at a stated
/// false-positive rate. Each row is (edge, share, leagues); for each seed: a synthetic market with the
/// value-book plant (leagues × 8 seasons, 6 train and 2 test, so the swarm searches 4 and tests the 4
/// after them: 2 confirmation + 2 test), one swarm run through an embedded silo searching opening
/// prices only (as the live orchestrator does), and a hit when a deployed strategy exploits the plant
/// (at least half its out-of-sample bets at the ValueBook's price) with positive out-of-sample
/// evidence. The oracle knows exactly which prices were planted: it bets those and only those, at
/// the opening, on the swarm's own four tested seasons, and makes one pre-registered one-sided test
/// of the same statistic at the same level. Beside its realised verdicts, its expected power on
/// these very markets. The control is the same seeds with the plant at exactly fair value
/// (<c>value-book:edge=0</c>: expected return 0, the null's boundary, not below it): its
/// false-positive rate is the share of seeds with a deployment whose true expected return on the
/// tested seasons (from the simulator's true probabilities) is not positive. On the capped markets
/// that is any deployment; on the uncapped one, best prices beat fair value by themselves, so a
/// strategy that bets them is a true edge, not a false positive, and is counted apart.
/// </summary>
public static class SwarmPowerBenchmark
{
    private const double Alpha = ValidationSwarmGrain.Alpha;
    private static readonly string[] Seasons = Enumerable.Range(2015, 8).Select(y => $"{y}-{y + 1}").ToArray();
    private static readonly string[] Train = Seasons[..6];
    private static readonly string[] Test = Seasons[6..];

    /// <summary>The seasons the swarm's tests read: its confirmation seasons (the last third of training) and the test seasons.</summary>
    private static readonly string[] Tested = [.. SeasonSplit.Confirm(Train), .. Test];

    public sealed record Row(double Edge, double Share, int Leagues);

    /// <summary>The synthetic market's realism for this run (calibrated on the real leagues unless asked otherwise).</summary>
    private static MarketRealism Realism = MarketRealism.Calibrated;

    /// <param name="oracleOnly">Only the oracle's figures (seconds instead of minutes: no swarm runs).</param>
    public static async Task<object> RunAsync(
        IReadOnlyList<Row> rows,
        int seeds,
        int candidates,
        GateEvidence evidence,
        bool oracleOnly = false,
        bool control = true,
        int firstSeed = 1,
        MarketRealism realism = MarketRealism.Calibrated
    )
    {
        Realism = realism;
        var clock = Stopwatch.StartNew();
        var port = 24000;
        var results = new List<object>();
        var goalsMet = true;
        foreach (var row in rows)
        {
            var (summary, power, oraclePower) = await MeasureAsync(
                MarketPlant.ValueBook(row.Edge, row.Share),
                row,
                seeds,
                firstSeed,
                candidates,
                evidence,
                oracleOnly,
                () => port += 2
            );
            goalsMet &= power >= 0.8 * oraclePower;
            results.Add(summary);
        }

        object? controlSummary = null;
        double? falsePositiveRate = null;
        if (control && rows.Count > 0)
        {
            // The control takes the first row's share and leagues, with the plant at exactly fair value.
            var first = rows[0];
            var (summary, rate, _) = await MeasureAsync(
                MarketPlant.ValueBook(0, first.Share),
                first with
                {
                    Edge = 0,
                },
                seeds,
                firstSeed,
                candidates,
                evidence,
                oracleOnly,
                () => port += 2
            );
            controlSummary = summary;
            falsePositiveRate = rate;
            goalsMet &= oracleOnly || rate <= 0.05;
        }

        return new
        {
            benchmark = "swarm-power",
            evidence = evidence.ToString().ToLowerInvariant(),
            realism = realism.ToString().ToLowerInvariant(),
            seasons = $"6 train (search {Train.Length - SeasonSplit.Confirm(Train).Count}, confirm {SeasonSplit.Confirm(Train).Count}), 2 test; tested {string.Join(",", Tested)}",
            decisionPhase = "opening",
            candidates,
            alpha = Alpha,
            rows = results,
            control = controlSummary,
            falsePositiveRate,
            goals = new { controlFalsePositiveRateAtMost = 0.05, powerAtLeastShareOfOracle = 0.8 },
            goalsMet,
            seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        };
    }

    private static async Task<(object Summary, double Power, double OraclePower)> MeasureAsync(
        MarketPlant plant,
        Row row,
        int seeds,
        int firstSeed,
        int candidates,
        GateEvidence evidence,
        bool oracleOnly,
        Func<int> nextPort
    )
    {
        var leagueCodes = Enumerable.Range(1, row.Leagues).Select(l => $"S{l}").ToArray();
        int hits = 0,
            anyDeployed = 0,
            oracleHits = 0,
            bookHits = 0;
        double expected = 0;
        var runs = new List<object>();
        int falseDeployments = 0,
            trueEdgeDeployments = 0;
        var allJudged = new List<Judged>();
        for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
        {
            var (hit, deployed, trueValues, judged, seconds) = oracleOnly
                ? (false, [], [], [], 0)
                : await SwarmRunAsync(plant, seed, leagueCodes, candidates, evidence, nextPort());
            allJudged.AddRange(judged);
            // A deployment is false when its true expected return on the tested seasons is not positive
            // (on a capped market that is every deployment without the plant: no price there beats fair).
            falseDeployments += trueValues.Any(v => !(v > 0)) ? 1 : 0;
            trueEdgeDeployments += trueValues.Any(v => v > 0) ? 1 : 0;
            var oracle = Oracle(plant, seed, row.Leagues, evidence);
            var book = BookOracle(plant, seed, row.Leagues, evidence);
            bookHits += book.Rejects ? 1 : 0;
            hits += hit ? 1 : 0;
            anyDeployed += deployed.Count > 0 ? 1 : 0;
            oracleHits += oracle.Rejects ? 1 : 0;
            expected += oracle.ExpectedPower / seeds;
            runs.Add(
                new
                {
                    seed,
                    hit,
                    deployed,
                    trueExpectedReturns = trueValues.Select(v => Math.Round(v, 4)).ToArray(),
                    oracleP = Math.Round(oracle.P, 5),
                    oracleBets = oracle.Bets,
                    oracleMean = Math.Round(oracle.Mean, 4),
                    bookOracleP = Math.Round(book.P, 5),
                    bookOracleBets = book.Bets,
                    bookOracleMean = Math.Round(book.Mean, 4),
                    bookOracleThreshold = book.Threshold,
                    seconds,
                }
            );
            Console.Error.WriteLine(
                $"{plant} ×{row.Leagues} seed {seed}: swarm {(hit ? "HIT" : "miss")} ({deployed.Count} deployed), oracle p {oracle.P:G3} on {oracle.Bets} bets, expected power {oracle.ExpectedPower:F3}; book oracle p {book.P:G3} on {book.Bets} bets at {book.Threshold:P0} ({seconds:F0} s) {string.Join("; ", deployed)}"
            );
        }

        var isControl = plant.Edge == 0;
        // On the control the rate is of seeds with a false deployment; with a plant, a hit is a deployment that exploits it.
        var power = (isControl ? falseDeployments : hits) / (double)seeds;
        var oraclePower = oracleHits / (double)seeds;
        return (
            new
            {
                plant = plant.ToString(),
                row.Edge,
                row.Share,
                row.Leagues,
                evidence = evidence.ToString().ToLowerInvariant(),
                seeds,
                power = oracleOnly ? (double?)null : power,
                oraclePower,
                oracleExpected = Math.Round(expected, 3),
                bookOraclePower = bookHits / (double)seeds,
                seedsWithAnyDeployment = anyDeployed,
                seedsWithAFalseDeployment = falseDeployments,
                seedsWithATrueEdgeDeployed = trueEdgeDeployments,
                approvalByTrueEdge = ApprovalCurve(allJudged),
                witnessError = allJudged.Where(j => j.Approved && double.IsFinite(j.Clv) && double.IsFinite(j.TrueValue)) is var w
                && w.Any()
                    ? new
                    {
                        approved = w.Count(),
                        meanAbsoluteClvMinusTrue = Math.Round(w.Average(j => Math.Abs(j.Clv - j.TrueValue)), 4),
                        meanClvMinusTrue = Math.Round(w.Average(j => j.Clv - j.TrueValue), 4),
                    }
                    : null,
                ratio = oracleOnly || oraclePower == 0 ? (double?)null : Math.Round(power / oraclePower, 3),
                runs,
            },
            power,
            oraclePower
        );
    }

    private static async Task<(
        bool Hit,
        List<string> Deployed,
        List<double> TrueValues,
        List<Judged> Judged,
        double Seconds
    )> SwarmRunAsync(MarketPlant plant, int seed, string[] leagues, int candidates, GateEvidence evidence, int port)
    {
        var clock = Stopwatch.StartNew();
        var (host, grains, dir) = await SwarmBenchmarks.StartSiloAsync(port);
        try
        {
            await grains
                .GetGrain<IMarketImportGrain>(0)
                .GenerateAsync(new SyntheticMarketRequest(seed, leagues.Length, Seasons, plant.ToString(), Realism: Realism));
            var run = grains.GetGrain<ISwarmRunGrain>($"power-{seed}");
            await run.StartAsync(
                new SwarmRunRequest(
                    leagues,
                    Train,
                    Test,
                    candidates,
                    seed,
                    DeployAndVote: true,
                    DecisionPhase: Phase.Opening,
                    Evidence: evidence,
                    Alpha: Alpha
                )
            );
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
            var trueValues = new List<double>();
            var truth = Truth(plant, seed, leagues.Length);
            var testedFrom = TestedFrom(timeline);

            // Every candidate the gate judged, with its true expected return on the tested seasons: the gate's operating curve.
            var judged = status.Validation.ToDictionary(
                v => v.Id,
                v => new Judged(
                    TrueExpectedReturn(timeline, v.Spec.Text, truth, testedFrom),
                    v.Approved,
                    v.OutOfSample.MeanClv ?? double.NaN
                )
            );
            foreach (var v in status.Validation.Where(v => status.Deployed.Contains(v.Id)))
            {
                var plantShare = PlantShare(timeline, v.Spec.Text, testedFrom);
                var trueValue = judged[v.Id].TrueValue;
                trueValues.Add(trueValue);
                var positive = evidence == GateEvidence.Clv ? (v.OutOfSample.MeanClv ?? v.OutOfSample.Roi) > 0 : v.OutOfSample.Roi > 0;
                hit |= positive && plantShare >= 0.5;
                deployed.Add(
                    $"{v.Spec} (oos CLV {v.OutOfSample.MeanClv:P1}, ROI {v.OutOfSample.Roi:P1}, true expected return {trueValue:P2}, {v.OutOfSample.Bets} bets, {plantShare:P0} at the ValueBook)"
                );
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
                    $"  first in sequence: {first.Spec}, at the ValueBook {PlantShare(timeline, first.Spec.Text, testedFrom):P0}; "
                        + string.Join("; ", first.Verdicts.Select(x => $"{x.Validator} {(x.Passed ? "ok" : "FAIL")}: {x.Reason}"))
                );
            }

            return (hit, deployed, trueValues, [.. judged.Values], Math.Round(clock.Elapsed.TotalSeconds, 1));
        }
        finally
        {
            await SwarmBenchmarks.StopAsync(host, dir);
        }
    }

    /// <summary>One candidate the gate judged: its true expected return on the tested seasons, the verdict, its out-of-sample CLV.</summary>
    internal sealed record Judged(double TrueValue, bool Approved, double Clv);

    /// <summary>
    /// The gate's operating curve: of the candidates it judged, the share it approved (validated, before the deployment cap) by true expected
    /// return (from the true probabilities, on the tested seasons); the first bin is the false-positive side.
    /// </summary>
    private static object[] ApprovalCurve(IReadOnlyCollection<Judged> judged)
    {
        (string Name, double Low, double High)[] bins =
        [
            ("≤ 0", double.NegativeInfinity, 0),
            ("0–1 %", 0, 0.01),
            ("1–2 %", 0.01, 0.02),
            ("2–3 %", 0.02, 0.03),
            ("3–5 %", 0.03, 0.05),
            ("> 5 %", 0.05, double.PositiveInfinity),
        ];
        return bins.Select(b =>
            {
                var inBin = judged
                    .Where(j => j.TrueValue > b.Low && j.TrueValue <= b.High || (b.Low == double.NegativeInfinity && !(j.TrueValue > 0)))
                    .ToArray();
                return (object)
                    new
                    {
                        trueExpectedReturn = b.Name,
                        judged = inBin.Length,
                        approved = inBin.Count(j => j.Approved),
                        share = inBin.Length > 0 ? Math.Round(inBin.Count(j => j.Approved) / (double)inBin.Length, 3) : (double?)null,
                    };
            })
            .ToArray();
    }

    /// <summary>Every match's true probabilities in the market a seed generates (the same draws as the swarm's market).</summary>
    private static Dictionary<string, MarketSimulator.MarketProbabilities> Truth(MarketPlant plant, int seed, int leagues)
    {
        var truth = new Dictionary<string, MarketSimulator.MarketProbabilities>(StringComparer.Ordinal);
        MarketSimulator.Generate(new SimulationOptions(seed, leagues, Seasons, plant, Realism: Realism), (id, t) => truth[id] = t);
        return truth;
    }

    /// <summary>A strategy's true expected return per unit staked on the tested seasons (flat stakes), from the true probabilities.</summary>
    private static double TrueExpectedReturn(
        MarketTimeline timeline,
        string spec,
        IReadOnlyDictionary<string, MarketSimulator.MarketProbabilities> truth,
        DateTime testedFrom
    )
    {
        var result = SwarmBenchmarks.Replay(timeline, spec, testedFrom);
        var values = result
            .Bets.Select(b => b.Price * truth[timeline.Ids[b.MatchIndex]].Of(b.Market, b.Outcome, b.Line) - 1)
            .Where(double.IsFinite)
            .ToArray();
        return values.Length > 0 ? values.Average() : double.NaN;
    }

    /// <summary>Share of a strategy's out-of-sample bets (the tested seasons) taken at a price the ValueBook was offering (directly or as the market's best).</summary>
    private static double PlantShare(MarketTimeline timeline, string spec, DateTime testedFrom) =>
        SwarmBenchmarks.ShareAt(timeline, spec, PriceSource.ValueBook, testedFrom);

    /// <summary>The first kick-off of the tested seasons: where a strategy's out-of-sample bets begin.</summary>
    private static DateTime TestedFrom(MarketTimeline timeline) =>
        timeline.Matches.First(m => string.CompareOrdinal(m.Season, Tested[0]) >= 0).KickoffUtc;

    /// <summary>
    /// The true oracle: exactly the planted prices, at the opening, on the swarm's own tested seasons,
    /// one pre-registered one-sided test of the gate's statistic (clustered by match, flat stakes) at
    /// the gate's level. Its expected power on this very market: for returns from the true
    /// probabilities (Σ expected return over √Σ variance); for CLV from the true expected return and
    /// the realised spread of the CLVs (the close's noise has no closed form here).
    /// </summary>
    internal static (bool Rejects, double P, int Bets, double Mean, double ExpectedPower) Oracle(
        MarketPlant plant,
        int seed,
        int leagues,
        GateEvidence evidence
    )
    {
        var truth = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var planted = new Dictionary<string, int>(StringComparer.Ordinal);
        var seasons = MarketSimulator.Generate(
            new SimulationOptions(seed, leagues, Seasons, plant, Realism: Realism),
            (id, t) => truth[id] = t.X12,
            plantObserver: (id, side) => planted[id] = side
        );
        var bets = new List<EvidenceBet>();
        double expectedSum = 0,
            varianceSum = 0;
        foreach (var m in seasons.Where(s => Tested.Contains(s.Season)).SelectMany(s => s.Matches))
        {
            if (!planted.TryGetValue(m.Id, out var side))
            {
                continue;
            }

            var outcome = (Outcome)side;
            var price = m
                .Quotes.Where(q =>
                    q.Source == PriceSource.ValueBook
                    && q.Market == MarketType.MatchOdds
                    && q.Outcome == outcome
                    && q.Phase == Phase.Opening
                )
                .Select(q => q.Price)
                .DefaultIfEmpty(double.NaN)
                .First();
            if (!(price > 1))
            {
                continue;
            }

            var q = truth[m.Id][side];
            var clv = ClosingLine.Value(
                m,
                new BetIntent(MarketType.MatchOdds, outcome, double.NaN, PriceSource.ValueBook, Phase.Opening, 0),
                price
            );
            bets.Add(new EvidenceBet(m.Id, 1, Settlement.UnitReturn(MarketType.MatchOdds, outcome, double.NaN, price, m.Result!), clv));
            expectedSum += price * q - 1;
            varianceSum += price * price * q * (1 - q);
        }

        var test = GateStatistic.Exactly(bets, evidence);
        var critical = Normal.InvCDF(0, 1, 1 - Alpha);
        double expectedPower;
        if (evidence == GateEvidence.Returns)
        {
            expectedPower = varianceSum > 0 ? 1 - Normal.CDF(0, 1, critical - expectedSum / Math.Sqrt(varianceSum)) : 0;
        }
        else
        {
            var clvs = GateStatistic.Series(bets, GateEvidence.Clv);
            var (_, sd, _, _) = SharpeStatistics.Moments(clvs);
            expectedPower =
                sd > 0 && clvs.Length > 1 ? 1 - Normal.CDF(0, 1, critical - expectedSum / bets.Count / sd * Math.Sqrt(clvs.Length)) : 0;
        }

        return (test.P <= Alpha, test.P, bets.Count, test.Mean, expectedPower);
    }

    /// <summary>
    /// The book oracle: what the best rule without knowledge of the planted prices can do. It knows
    /// which book carries the plant (the ValueBook) but not where: it backs the ValueBook's opening
    /// price where it beats Pinnacle's de-margined opening price by more than a threshold (one outcome
    /// a match), the threshold chosen on the swarm's search seasons (the best z of the gate's
    /// statistic on a grid of 0 to 10 %), then one one-sided test on the swarm's tested seasons.
    /// The gap between it and the true oracle is the market's noise, not the search's.
    /// </summary>
    internal static (bool Rejects, double P, int Bets, double Mean, double Threshold) BookOracle(
        MarketPlant plant,
        int seed,
        int leagues,
        GateEvidence evidence
    )
    {
        var seasons = MarketSimulator.Generate(new SimulationOptions(seed, leagues, Seasons, plant, Realism: Realism));
        var search = Train.Except(SeasonSplit.Confirm(Train)).ToArray();
        MarketTimeline Of(IEnumerable<string> which) => new(seasons.Where(s => which.Contains(s.Season)).SelectMany(s => s.Matches));
        var (searched, tested) = (Of(search), Of(Tested));
        EvidenceTest Test(MarketTimeline timeline, double threshold)
        {
            var result = BacktestEngine.Run(
                timeline,
                new Strategies.Families.SharpValueStrategy(PriceSource.ValueBook, MarginMethod.Multiplicative, threshold, Phase.Opening),
                BacktestOptions.FlatUnits with
                {
                    BootstrapSamples = 0,
                    InitialBankroll = 1e9,
                }
            );
            return GateStatistic.Exactly(
                result.Bets.Select(b => new EvidenceBet(timeline.Ids[b.MatchIndex], b.Stake, b.Profit / b.Stake, b.Clv)).ToArray(),
                evidence
            );
        }

        var best = Enumerable
            .Range(0, 11)
            .Select(i => i / 100.0)
            .MaxBy(t => Test(searched, t) is { Bets: >= 30 } r ? r.Z : double.MinValue);
        var test = Test(tested, best);
        return (test.P <= Alpha, test.P, test.Bets, test.Mean, best);
    }
}
