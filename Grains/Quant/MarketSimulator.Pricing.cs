using Orleans.Betting.Market;

namespace Orleans.Betting.Quant;

// Prices: true probabilities per market, each book's belief, margin and bias, opening and closing quotes.
public static partial class MarketSimulator
{
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

        /// <summary>
        /// The true probability of one quoted selection (for the Asian line, 1 ÷ fair odds, pushes and
        /// halves included), so price × probability − 1 is its true expected return; NaN for a
        /// selection this market does not quote (another total or handicap line).
        /// </summary>
        public double Of(MarketType market, Outcome outcome, double line) =>
            (market, outcome) switch
            {
                (MarketType.MatchOdds, <= Outcome.Away) => X12[(int)outcome],
                (MarketType.OverUnder, Outcome.Over) when line == 2.5 => Ou[0],
                (MarketType.OverUnder, Outcome.Under) when line == 2.5 => Ou[1],
                (MarketType.AsianHandicap, Outcome.Home) when line == AhLine => Ah[0],
                (MarketType.AsianHandicap, Outcome.Away) when line == AhLine => Ah[1],
                _ => double.NaN,
            };

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
