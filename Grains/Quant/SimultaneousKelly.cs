namespace Orleans.Betting.Quant;

/// <summary>
/// One position of a simultaneous Kelly portfolio: a bet on <see cref="Outcome"/> of <see cref="Event"/> at a decimal
/// price with a probability of winning. An event is one partition (one market and line of one match): its outcomes are
/// mutually exclusive, and positions naming the same outcome win together. Different events are independent. A
/// <see cref="Fixed"/> position (a bet already open) keeps its fraction and is only part of the wealth the others are
/// sized against. Where positions on one outcome disagree on its probability, a position being sized sets it (the
/// latest estimate), else the first.
/// </summary>
public readonly record struct KellyPosition(string Event, string Outcome, double Price, double Probability, double? Fixed = null);

/// <summary>How the solver reached its answer: exactly over every joint outcome, or over a seeded sample of them.</summary>
public sealed record KellyPortfolio(double[] Fractions, double ExpectedLogGrowth, int Scenarios, bool Exact, int Sweeps);

/// <summary>
/// Simultaneous Kelly (quant reference, "Kelly staking"): the bankroll fractions f that maximise the expected log of
/// wealth after every position of the day settles, E[log(1 + Σ f_i (o_i·[i wins] − 1))], with f ≥ 0. Independent
/// bets sized one by one each take their single Kelly fraction, which together over-bet (their losses can coincide);
/// sized together each takes less, and outcomes of one partition take Smoczynski–Tomkins' stakes. The expectation is
/// exact over the joint outcomes while they number at most <see cref="ExactScenarioLimit"/>, otherwise it is taken
/// over a sample drawn with a seed (the same seed gives the same stakes). The objective is concave, so coordinate-wise
/// Newton steps projected on f ≥ 0 reach its maximum.
/// </summary>
public static class SimultaneousKelly
{
    /// <summary>Up to this many joint outcomes the expectation is exact (14 independent single bets).</summary>
    public const int ExactScenarioLimit = 1 << 14;

    /// <summary>The sample drawn when the joint outcomes are too many to enumerate (see the tests for how close its stakes come to the exact ones).</summary>
    public const int SampledScenarios = 20_000;

    /// <summary>A step this small (a share of the bankroll) ends the search: stakes are kept to 0.01 of a money unit.</summary>
    private const double Tolerance = 1e-9;
    private const int MaxSweeps = 200;

    /// <param name="exactScenarioLimit">Joint outcomes up to which the expectation is exact (a test compares the sample against it).</param>
    public static KellyPortfolio Solve(IReadOnlyList<KellyPosition> positions, int seed = 1, int exactScenarioLimit = ExactScenarioLimit)
    {
        var n = positions.Count;
        if (n == 0)
        {
            return new KellyPortfolio([], 0, 1, true, 0);
        }

        var events = Validate(positions);
        var (returns, weights, exact) = Scenarios(positions, events, seed, exactScenarioLimit);
        var scenarios = weights.Length;

        // Wealth per scenario, starting from the fixed positions.
        var f = new double[n];
        var wealth = new double[scenarios];
        Array.Fill(wealth, 1.0);
        for (var i = 0; i < n; i++)
        {
            if (positions[i].Fixed is { } fixedFraction)
            {
                f[i] = fixedFraction;
                for (var s = 0; s < scenarios; s++)
                {
                    wealth[s] += fixedFraction * returns[i][s];
                }
            }
        }

        if (wealth.Any(w => w <= 0))
        {
            throw new QuantException("the open positions alone can lose the whole bankroll: nothing more can be sized");
        }

        WarmStart(positions, returns, weights, wealth, f);

        var sweeps = 0;
        for (; sweeps < MaxSweeps; sweeps++)
        {
            var largestStep = 0.0;
            for (var i = 0; i < n; i++)
            {
                if (positions[i].Fixed is not null)
                {
                    continue;
                }

                var r = returns[i];
                double gradient = 0,
                    curvature = 0;
                for (var s = 0; s < scenarios; s++)
                {
                    var x = r[s] / wealth[s];
                    gradient += weights[s] * x;
                    curvature += weights[s] * x * x;
                }

                // At f_i = 0 with no gain from a first unit, the bet stays out (the KKT condition).
                if (f[i] == 0 && gradient <= 0)
                {
                    continue;
                }

                var step = curvature > 0 ? gradient / curvature : 0;
                step = Math.Max(step, -f[i]);
                // Keep every scenario's wealth positive: halve a step that would reach zero.
                while (step != 0 && !StaysPositive(wealth, r, step))
                {
                    step /= 2;
                }

                if (step == 0)
                {
                    continue;
                }

                f[i] += step;
                for (var s = 0; s < scenarios; s++)
                {
                    wealth[s] += step * r[s];
                }

                largestStep = Math.Max(largestStep, Math.Abs(step));
            }

            if (largestStep < Tolerance)
            {
                break;
            }
        }

        var growth = 0.0;
        for (var s = 0; s < scenarios; s++)
        {
            growth += weights[s] * Math.Log(wealth[s]);
        }

        for (var i = 0; i < n; i++)
        {
            f[i] = positions[i].Fixed ?? (f[i] < Tolerance ? 0 : f[i]);
        }

        return new KellyPortfolio(f, growth, scenarios, exact, sweeps + 1);
    }

    /// <summary>The expected log growth of given fractions, exactly (for checks and reports; same limits as <see cref="Solve"/>).</summary>
    public static double ExpectedLogGrowth(IReadOnlyList<KellyPosition> positions, IReadOnlyList<double> fractions, int seed = 1)
    {
        var events = Validate(positions);
        var (returns, weights, _) = Scenarios(positions, events, seed, ExactScenarioLimit);
        var growth = 0.0;
        for (var s = 0; s < weights.Length; s++)
        {
            var w = 1.0;
            for (var i = 0; i < positions.Count; i++)
            {
                w += fractions[i] * returns[i][s];
            }

            growth += weights[s] * (w > 0 ? Math.Log(w) : double.NegativeInfinity);
        }

        return growth;
    }

    /// <summary>
    /// Starts from each position's Kelly stake alone, scaled by the one factor in (0, 1] that grows fastest together
    /// (a one-dimensional Newton search): many independent bets then need a few sweeps instead of hundreds.
    /// </summary>
    private static void WarmStart(IReadOnlyList<KellyPosition> positions, double[][] returns, double[] weights, double[] wealth, double[] f)
    {
        var scenarios = weights.Length;
        var direction = new double[scenarios];
        var start = new double[positions.Count];
        var any = false;
        for (var i = 0; i < positions.Count; i++)
        {
            var p = positions[i];
            if (p.Fixed is null && p.Probability * p.Price > 1)
            {
                start[i] = (p.Probability * p.Price - 1) / (p.Price - 1);
                any = true;
                for (var s = 0; s < scenarios; s++)
                {
                    direction[s] += start[i] * returns[i][s];
                }
            }
        }

        if (!any)
        {
            return;
        }

        // The largest t keeping every scenario's wealth positive, then Newton on the concave g(t) = E log(W + t·d).
        var limit = 1.0;
        for (var s = 0; s < scenarios; s++)
        {
            if (direction[s] < 0)
            {
                limit = Math.Min(limit, 0.99 * wealth[s] / -direction[s]);
            }
        }

        var t = 0.0;
        for (var iteration = 0; iteration < 50; iteration++)
        {
            double gradient = 0,
                curvature = 0;
            for (var s = 0; s < scenarios; s++)
            {
                var x = direction[s] / (wealth[s] + t * direction[s]);
                gradient += weights[s] * x;
                curvature += weights[s] * x * x;
            }

            var next = Math.Clamp(curvature > 0 ? t + gradient / curvature : t, 0, limit);
            if (Math.Abs(next - t) < 1e-9)
            {
                t = next;
                break;
            }

            t = next;
        }

        for (var i = 0; i < positions.Count; i++)
        {
            f[i] += t * start[i];
        }

        for (var s = 0; s < scenarios; s++)
        {
            wealth[s] += t * direction[s];
        }
    }

    private static bool StaysPositive(double[] wealth, double[] r, double step)
    {
        for (var s = 0; s < wealth.Length; s++)
        {
            if (wealth[s] + step * r[s] <= 1e-9)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The events in order of first appearance; each is its outcomes, each with its probability and its positions.</summary>
    private static List<(double Probability, int[] Members)[]> Validate(IReadOnlyList<KellyPosition> positions)
    {
        var byEvent = new Dictionary<string, List<(string Outcome, List<int> Members)>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < positions.Count; i++)
        {
            var p = positions[i];
            OddsMath.ValidateDecimal(p.Price, $"position {i + 1} ({p.Event} {p.Outcome}) price");
            if (double.IsNaN(p.Probability) || p.Probability <= 0 || p.Probability >= 1)
            {
                throw new QuantException($"position {i + 1} ({p.Event} {p.Outcome}): probability {p.Probability} must lie in (0, 1)");
            }

            if (p.Fixed is { } x && (!double.IsFinite(x) || x < 0 || x >= 1))
            {
                throw new QuantException($"position {i + 1} ({p.Event} {p.Outcome}): open fraction {x} must lie in [0, 1)");
            }

            if (!byEvent.TryGetValue(p.Event, out var outcomes))
            {
                byEvent[p.Event] = outcomes = [];
                order.Add(p.Event);
            }

            var at = outcomes.FindIndex(o => string.Equals(o.Outcome, p.Outcome, StringComparison.Ordinal));
            if (at < 0)
            {
                outcomes.Add((p.Outcome, [i]));
            }
            else
            {
                outcomes[at].Members.Add(i);
            }
        }

        var events = new List<(double, int[])[]>();
        foreach (var name in order)
        {
            var outcomes = byEvent[name]
                .Select(o =>
                {
                    var setter = o.Members.FirstOrDefault(i => positions[i].Fixed is null, o.Members[0]);
                    return (positions[setter].Probability, o.Members.ToArray());
                })
                .ToArray();
            var total = outcomes.Sum(o => o.Probability);
            if (total > 1 + 1e-9)
            {
                throw new QuantException($"event {name}: the probabilities of its mutually exclusive outcomes sum to {total:F4} > 1");
            }

            events.Add(outcomes);
        }

        return events;
    }

    /// <summary>
    /// Each position's return per unit staked in each scenario (o − 1 when its outcome wins, −1 otherwise), and the
    /// scenarios' weights. An event's joint outcomes are its named outcomes plus "none of them".
    /// </summary>
    private static (double[][] Returns, double[] Weights, bool Exact) Scenarios(
        IReadOnlyList<KellyPosition> positions,
        List<(double Probability, int[] Members)[]> events,
        int seed,
        int exactScenarioLimit
    )
    {
        var n = positions.Count;
        var count = 1.0;
        foreach (var outcomes in events)
        {
            count *= outcomes.Length + 1;
        }

        var exact = count <= exactScenarioLimit;
        var scenarios = exact ? (int)count : SampledScenarios;
        var returns = new double[n][];
        for (var i = 0; i < n; i++)
        {
            returns[i] = new double[scenarios];
        }

        var weights = new double[scenarios];
        var random = new Random(seed);
        // A Latin hypercube: each event's draws are stratified over the sample (one per 1/S of [0, 1), in a shuffled
        // order), so every outcome wins in the sample as often as its probability says. Plain draws miss that by
        // about √(p(1−p)/S), an error in each bet's apparent edge that moved stakes by over 1 % of the bankroll.
        var strata = exact ? null : events.Select(_ => Shuffled(scenarios, random)).ToArray();
        for (var s = 0; s < scenarios; s++)
        {
            var weight = 1.0;
            var index = s;
            for (var e = 0; e < events.Count; e++)
            {
                var outcomes = events[e];
                // The winning outcome (outcomes.Length means none of the named ones).
                int winner;
                if (exact)
                {
                    winner = index % (outcomes.Length + 1);
                    index /= outcomes.Length + 1;
                    weight *= winner < outcomes.Length ? outcomes[winner].Probability : Math.Max(0, 1 - outcomes.Sum(o => o.Probability));
                }
                else
                {
                    var u = (strata![e][s] + random.NextDouble()) / scenarios;
                    winner = outcomes.Length;
                    for (var k = 0; k < outcomes.Length; k++)
                    {
                        u -= outcomes[k].Probability;
                        if (u < 0)
                        {
                            winner = k;
                            break;
                        }
                    }
                }

                for (var k = 0; k < outcomes.Length; k++)
                {
                    foreach (var i in outcomes[k].Members)
                    {
                        returns[i][s] = k == winner ? positions[i].Price - 1 : -1;
                    }
                }
            }

            weights[s] = exact ? weight : 1.0 / scenarios;
        }

        return (returns, weights, exact);
    }

    private static int[] Shuffled(int count, Random random)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        random.Shuffle(order);
        return order;
    }
}
