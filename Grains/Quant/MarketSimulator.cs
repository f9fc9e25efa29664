using Orleans.Betting.Market;

namespace Orleans.Betting.Quant;

/// <summary>
/// A synthetic football market, deterministic by seed and shaped exactly like imported data.
/// Teams have attack/defence strengths that drift round by round; goals are Poisson. The sharp
/// book (Pinnacle) prices near the truth with a small margin; soft books add a larger margin with
/// a favourite–longshot bias and more noise; closing prices sit closer to the truth than opening
/// ones. Every such price is capped at the true fair odds, so without a plant no price anywhere
/// ever exceeds fair value (the edge-free control). The stale-book plant adds one soft book
/// (<see cref="PriceSource.SoftBook"/>) that prices from ratings a season out of date (those of
/// the previous season's start) and is not capped: wherever strengths drifted, it offers value.
/// </summary>
public static class MarketSimulator
{
    public const PriceSource StaleBook = PriceSource.SoftBook;

    private static readonly (PriceSource Source, double Margin, double OpenNoise, double CloseNoise, double Bias)[] Books =
    [
        (PriceSource.Pinnacle, 0.025, 0.06, 0.02, 0.0),
        (PriceSource.Bet365, 0.055, 0.10, 0.06, 0.25),
        (PriceSource.WilliamHill, 0.065, 0.10, 0.07, 0.30),
        (PriceSource.BetAndWin, 0.06, 0.11, 0.07, 0.25),
        (PriceSource.Ladbrokes, 0.07, 0.11, 0.07, 0.35),
    ];

    private const double StaleMargin = 0.045;
    private const double BaseRate = 0.15;
    private const double HomeAdvantage = 0.25;
    private const double DriftPerRound = 0.03;

    public static IReadOnlyList<SeasonData> Generate(SimulationOptions options, CancellationToken cancellationToken = default) =>
        Generate(options, truthObserver: null, cancellationToken);

    /// <summary>As <see cref="Generate(SimulationOptions, CancellationToken)"/>, also reporting each match's true probabilities (tests check the control against them).</summary>
    internal static IReadOnlyList<SeasonData> Generate(
        SimulationOptions options,
        Action<string, MarketProbabilities>? truthObserver,
        CancellationToken cancellationToken = default
    )
    {
        if (options.Leagues is < 1 or > 50)
        {
            throw new QuantException($"leagues {options.Leagues}: expected 1 to 50");
        }

        if (options.TeamsPerLeague is < 4 or > 40 || options.TeamsPerLeague % 2 != 0)
        {
            throw new QuantException($"teams per league {options.TeamsPerLeague}: expected an even number from 4 to 40");
        }

        if (options.Seasons.Count == 0)
        {
            throw new QuantException("at least one season is needed");
        }

        var result = new List<SeasonData>();
        var source = $"synthetic:seed={options.Seed},plant={(options.Plant == PlantedEdge.StaleBook ? "stale-book" : "none")}";
        for (var league = 0; league < options.Leagues; league++)
        {
            var code = $"S{league + 1}";
            // Not HashCode.Combine: it is randomised per process, and the same seed must give the same market everywhere.
            var random = new Random(unchecked(options.Seed * 1_000_003 + league * 7_919 + 0x5EED));
            var n = options.TeamsPerLeague;
            var attack = new double[n];
            var defence = new double[n];
            for (var t = 0; t < n; t++)
            {
                attack[t] = Normal(random, 0, 0.2);
                defence[t] = Normal(random, 0, 0.2);
            }

            // The stale book's ratings: frozen a full season behind (as they stood when the previous
            // season started; in the first season, at its own start), so its error is there all season.
            var lastStartAttack = (double[])attack.Clone();
            var lastStartDefence = (double[])defence.Clone();
            foreach (var season in options.Seasons)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var startYear = ParseSeasonStart(season);
                var staleAttack = lastStartAttack;
                var staleDefence = lastStartDefence;
                lastStartAttack = (double[])attack.Clone();
                lastStartDefence = (double[])defence.Clone();
                var matches = new List<MatchRecord>();
                var rounds = RoundRobin(n);
                var firstSaturday = FirstSaturdayOnOrAfter(new DateTime(startYear, 8, 8, 0, 0, 0, DateTimeKind.Utc));
                for (var r = 0; r < rounds.Count; r++)
                {
                    for (var k = 0; k < rounds[r].Count; k++)
                    {
                        var (home, away) = rounds[r][k];
                        var kickoff = firstSaturday.AddDays(7 * r) + SlotTime(k);
                        var match = SimulateMatch(
                            random,
                            code,
                            season,
                            kickoff,
                            home,
                            away,
                            attack,
                            defence,
                            staleAttack,
                            staleDefence,
                            options.Plant,
                            out var truth
                        );
                        truthObserver?.Invoke(match.Id, truth);
                        matches.Add(match);
                    }

                    Drift(random, attack, defence);
                }

                result.Add(
                    new SeasonData(
                        code,
                        season,
                        matches.OrderBy(m => m.KickoffUtc).ThenBy(m => m.Id, StringComparer.Ordinal).ToArray(),
                        source
                    )
                );

                // Close season: partial regression to the mean, plus a summer of transfers.
                for (var t = 0; t < n; t++)
                {
                    attack[t] = 0.8 * attack[t] + Normal(random, 0, 0.08);
                    defence[t] = 0.8 * defence[t] + Normal(random, 0, 0.08);
                }
            }
        }

        return result;
    }

    private static MatchRecord SimulateMatch(
        Random random,
        string league,
        string season,
        DateTime kickoff,
        int home,
        int away,
        double[] attack,
        double[] defence,
        double[] staleAttack,
        double[] staleDefence,
        PlantedEdge plant,
        out MarketProbabilities truth
    )
    {
        var lambdaHome = Math.Exp(BaseRate + HomeAdvantage + attack[home] - defence[away]);
        var lambdaAway = Math.Exp(BaseRate + attack[away] - defence[home]);
        truth = MarketProbabilities.From(lambdaHome, lambdaAway);
        var quotes = new List<Quote>(128);

        // Opening and closing beliefs of each book: the truth plus noise that shrinks towards kick-off.
        var panel = new List<(PriceSource Source, Phase Phase, double[] X12, double[] Ou, double[] Ah)>();
        foreach (var phase in new[] { Phase.Opening, Phase.Closing })
        {
            foreach (var (book, margin, openNoise, closeNoise, bias) in Books)
            {
                var noise = phase == Phase.Opening ? openNoise : closeNoise;
                var x12 = Price(Perturb(random, truth.X12, noise), truth.X12, margin, bias, cap: true);
                var ou = Price(Perturb(random, truth.Ou, noise), truth.Ou, margin, bias, cap: true);
                var ah = Price(Perturb(random, truth.Ah, noise), truth.Ah, margin, bias, cap: true);
                panel.Add((book, phase, x12, ou, ah));
            }

            if (plant == PlantedEdge.StaleBook)
            {
                var stale = MarketProbabilities.From(
                    Math.Exp(BaseRate + HomeAdvantage + staleAttack[home] - staleDefence[away]),
                    Math.Exp(BaseRate + staleAttack[away] - staleDefence[home]),
                    truth.AhLine
                );
                panel.Add(
                    (
                        StaleBook,
                        phase,
                        Price(stale.X12, truth.X12, StaleMargin, 0, cap: false),
                        Price(stale.Ou, truth.Ou, StaleMargin, 0, cap: false),
                        Price(stale.Ah, truth.Ah, StaleMargin, 0, cap: false)
                    )
                );
            }
        }

        foreach (var (source, phase, x12, ou, ah) in panel)
        {
            Add(quotes, source, phase, x12, ou, ah, truth.AhLine);
        }

        // Market aggregates over the panel, per outcome, exactly as football-data's Max/Avg columns.
        foreach (var phase in new[] { Phase.Opening, Phase.Closing })
        {
            var books = panel.Where(p => p.Phase == phase).ToArray();
            double[] Agg(Func<(PriceSource, Phase, double[], double[], double[]), double[]> pick, int len, bool max) =>
                Enumerable
                    .Range(0, len)
                    .Select(i =>
                    {
                        var quoted = books.Select(b => pick(b)[i]).Where(p => !double.IsNaN(p)).ToArray();
                        return quoted.Length == 0 ? double.NaN
                            : max ? quoted.Max()
                            : Math.Floor(quoted.Average() * 100) / 100;
                    })
                    .ToArray();
            Add(
                quotes,
                PriceSource.MarketMax,
                phase,
                Agg(b => b.Item3, 3, true),
                Agg(b => b.Item4, 2, true),
                Agg(b => b.Item5, 2, true),
                truth.AhLine
            );
            Add(
                quotes,
                PriceSource.MarketAvg,
                phase,
                Agg(b => b.Item3, 3, false),
                Agg(b => b.Item4, 2, false),
                Agg(b => b.Item5, 2, false),
                truth.AhLine
            );
        }

        var homeGoals = Poisson(random, lambdaHome);
        var awayGoals = Poisson(random, lambdaAway);
        var homeName = $"{league}-T{home + 1:00}";
        var awayName = $"{league}-T{away + 1:00}";
        return new MatchRecord(
            MatchId.Format(league, season, kickoff, homeName, awayName),
            league,
            season,
            kickoff,
            homeName,
            awayName,
            new MatchResult(homeGoals, awayGoals, null, null),
            quotes.ToArray()
        );
    }

    private static void Add(List<Quote> quotes, PriceSource source, Phase phase, double[] x12, double[] ou, double[] ah, double ahLine)
    {
        void One(MarketType market, Outcome outcome, double line, double price)
        {
            if (!double.IsNaN(price))
            {
                quotes.Add(new Quote(source, market, outcome, line, phase, price));
            }
        }

        One(MarketType.MatchOdds, Outcome.Home, double.NaN, x12[0]);
        One(MarketType.MatchOdds, Outcome.Draw, double.NaN, x12[1]);
        One(MarketType.MatchOdds, Outcome.Away, double.NaN, x12[2]);
        One(MarketType.OverUnder, Outcome.Over, 2.5, ou[0]);
        One(MarketType.OverUnder, Outcome.Under, 2.5, ou[1]);
        One(MarketType.AsianHandicap, Outcome.Home, ahLine, ah[0]);
        One(MarketType.AsianHandicap, Outcome.Away, ahLine, ah[1]);
    }

    /// <summary>
    /// Book prices from a belief: the margin is spread with a favourite–longshot bias (a power
    /// transform puts more of it on long shots), rounded down to 2 decimals; with <paramref name="cap"/>
    /// no price exceeds the true fair odds.
    /// </summary>
    private static double[] Price(double[] belief, double[] truth, double margin, double bias, bool cap)
    {
        var n = belief.Length;
        var implied = new double[n];
        // π_i ∝ p_i^(1−bias·margin·…): solve the exponent so Σπ = 1 + margin (bisection on a monotone sum).
        double lo = 0.5,
            hi = 1.0;
        var exponentTarget = 1 + margin;
        double Sum(double k) => belief.Sum(p => Math.Pow(p, k));
        var k = 1.0;
        if (bias > 0)
        {
            for (var i = 0; i < 100; i++)
            {
                k = 0.5 * (lo + hi);
                if (Sum(k) > exponentTarget)
                {
                    lo = k;
                }
                else
                {
                    hi = k;
                }
            }

            // Blend the biased and the proportional spread of the margin.
            for (var i = 0; i < n; i++)
            {
                implied[i] = bias * Math.Pow(belief[i], k) + (1 - bias) * belief[i] * exponentTarget;
            }
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                implied[i] = belief[i] * exponentTarget;
            }
        }

        var prices = new double[n];
        for (var i = 0; i < n; i++)
        {
            var price = Math.Floor(100.0 / implied[i]) / 100.0;
            if (cap)
            {
                price = Math.Min(price, Math.Floor(100.0 / truth[i]) / 100.0);
            }

            // No book offers 1.00 or less: such an outcome is simply not quoted (NaN).
            prices[i] = price >= 1.01 ? price : double.NaN;
        }

        return prices;
    }

    private static double[] Perturb(Random random, double[] p, double sigma)
    {
        var logits = p.Select(x => Math.Log(x) + Normal(random, 0, sigma)).ToArray();
        var max = logits.Max();
        var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
        var sum = exp.Sum();
        return exp.Select(e => e / sum).ToArray();
    }

    private static void Drift(Random random, double[] attack, double[] defence)
    {
        for (var t = 0; t < attack.Length; t++)
        {
            attack[t] += Normal(random, 0, DriftPerRound);
            defence[t] += Normal(random, 0, DriftPerRound);
        }

        var meanAttack = attack.Average();
        var meanDefence = defence.Average();
        for (var t = 0; t < attack.Length; t++)
        {
            attack[t] -= meanAttack;
            defence[t] -= meanDefence;
        }
    }

    /// <summary>Double round robin by the circle method: every pair meets home and away.</summary>
    private static List<List<(int Home, int Away)>> RoundRobin(int n)
    {
        var rotation = Enumerable.Range(1, n - 1).ToList();
        var first = new List<List<(int, int)>>();
        for (var r = 0; r < n - 1; r++)
        {
            var round = new List<(int, int)>();
            var order = new List<int> { 0 };
            order.AddRange(rotation);
            for (var i = 0; i < n / 2; i++)
            {
                var a = order[i];
                var b = order[n - 1 - i];
                round.Add(r % 2 == 0 ? (a, b) : (b, a));
            }

            first.Add(round);
            rotation.Insert(0, rotation[^1]);
            rotation.RemoveAt(rotation.Count - 1);
        }

        var second = first.Select(round => round.Select(p => (p.Item2, p.Item1)).ToList()).ToList();
        return [.. first, .. second];
    }

    private static TimeSpan SlotTime(int k) =>
        (k % 5) switch
        {
            0 => new TimeSpan(11, 30, 0),
            1 or 2 => new TimeSpan(14, 0, 0),
            3 => new TimeSpan(16, 30, 0),
            _ => new TimeSpan(1, 13, 0, 0), // Sunday
        };

    private static DateTime FirstSaturdayOnOrAfter(DateTime day) => day.AddDays(((int)DayOfWeek.Saturday - (int)day.DayOfWeek + 7) % 7);

    private static int ParseSeasonStart(string season)
    {
        return SeasonName.TryParseStart(season, out var a) && a is > 1900 and < 2200
            ? a
            : throw new QuantException($"season '{season}': expected yyyy-yyyy with consecutive years");
    }

    private static double Normal(Random random, double mean, double sd)
    {
        // Box–Muller: two uniforms, one normal (the other is discarded to keep the stream simple).
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static int Poisson(Random random, double lambda)
    {
        // Knuth's product of uniforms: exact, and fast for football-sized rates.
        var limit = Math.Exp(-lambda);
        var k = 0;
        var product = random.NextDouble();
        while (product > limit && k < 30)
        {
            k++;
            product *= random.NextDouble();
        }

        return k;
    }

    /// <summary>True probabilities of 1X2, over/under 2.5 and an Asian handicap line from two Poisson rates.</summary>
    internal sealed record MarketProbabilities(double[] X12, double[] Ou, double[] Ah, double AhLine)
    {
        public static MarketProbabilities From(double lambdaHome, double lambdaAway, double? fixedLine = null)
        {
            var grid = new double[GoalModel.Size * GoalModel.Size];
            GoalModel.ScoreGrid(lambdaHome, lambdaAway, 0, grid);
            var (home, draw, away, over) = GoalModel.Outcomes(grid);
            var x12 = new[] { home, draw, away };
            var ou = new[] { over, 1 - over };

            // The Asian line whose fair home price is closest to even money (or the given line).
            var bestLine = fixedLine ?? 0;
            var ah = AhFair(grid, bestLine);
            if (fixedLine is null)
            {
                var bestGap = double.MaxValue;
                for (var q = -14; q <= 14; q++)
                {
                    var line = q / 4.0;
                    var fair = AhFair(grid, line);
                    var gap = Math.Abs(fair[0] - 0.5);
                    if (gap < bestGap)
                    {
                        (bestGap, bestLine, ah) = (gap, line, fair);
                    }
                }
            }

            return new MarketProbabilities(x12, ou, ah, bestLine);
        }

        /// <summary>Effective probabilities 1/fair-odds of home and away on a line (pushes and halves included).</summary>
        private static double[] AhFair(double[] grid, double line)
        {
            double winH = 0,
                winA = 0;
            for (var h = 0; h < GoalModel.Size; h++)
            {
                for (var a = 0; a < GoalModel.Size; a++)
                {
                    var p = grid[h * GoalModel.Size + a];
                    // Unit return at even money 2.0 gives the share of the stake won (+) or lost (−).
                    var r = Settlement.UnitReturn(MarketType.AsianHandicap, Outcome.Home, line, 2.0, h, a);
                    if (r > 0)
                    {
                        winH += p * r;
                    }
                    else
                    {
                        winA += p * -r;
                    }
                }
            }

            // Fair odds o solve winH·(o−1) = winA (home), so 1/o = winH/(winH+winA); away mirrors it.
            var s = winH + winA;
            return s <= 0 ? [0.5, 0.5] : [winH / s, winA / s];
        }
    }
}
