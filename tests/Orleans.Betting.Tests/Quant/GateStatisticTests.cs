using MathNet.Numerics.Distributions;
using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Quant;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Tests.Quant;

/// <summary>
/// The gate's statistic as pure rules: the stake-weighted mean clustered by match, CLV as the witness
/// with returns as a check, the fallback to returns, the fixed sequence, and α spent once over a life
/// of overlapping test periods.
/// </summary>
public sealed class GateStatisticTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void WithOneFlatBetPerMatchTheClusteredMeanIsTheClassicMeanAndStandardError()
    {
        double[] values = [0.5, -1, 1.2, -1, 0.3, 2.1, -1, 0.8];
        var estimate = ClusteredMean.Of(values.Select((v, i) => ($"m{i}", 1.0, v)));
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        Assert.Equal(8, estimate.Clusters);
        Assert.Equal(mean, estimate.Mean, 12);
        Assert.Equal(sd / Math.Sqrt(values.Length), estimate.StandardError, 12);
    }

    [Fact]
    public void BetsOnOneMatchAreOneUnitOfEvidenceAndStakesWeigh()
    {
        // Two matches: A holds two bets (stakes 1 and 3), B one (stake 2).
        var estimate = ClusteredMean.Of([("A", 1.0, 1.0), ("A", 3.0, -1.0), ("B", 2.0, 0.5)]);
        Assert.Equal(3, estimate.Observations);
        Assert.Equal(2, estimate.Clusters);
        var mean = (1 * 1.0 + 3 * -1.0 + 2 * 0.5) / 6; // −1/6
        Assert.Equal(mean, estimate.Mean, 12);
        // Residuals per match: S_A − μW_A = −2 + 4/6, S_B − μW_B = 1 + 2/6; variance 2/1 · Σr² / 36.
        var rA = -2 - mean * 4;
        var rB = 1 - mean * 2;
        Assert.Equal(Math.Sqrt(2.0 * (rA * rA + rB * rB) / 36), estimate.StandardError, 12);

        // Ten copies of one bet on one match are one observation's worth, not ten.
        var copies = ClusteredMean.Of(Enumerable.Range(0, 10).Select(i => ("same", 1.0, i % 2 == 0 ? 1.0 : 0.9)));
        Assert.Equal(1, copies.Clusters);
        Assert.Equal(0, copies.Z);
    }

    /// <summary>
    /// Bets at an expected value of +3 % on a price near 2.6, judged 200 times over 600 matches each:
    /// the close (unbiased, with the real market's CLV spread of about 0.1) finds the edge almost
    /// every time, returns about one time in six; at fair value both reject about α of the time.
    /// </summary>
    [Fact]
    public void TheCloseSeesARealSizedEdgeThatReturnsCannotAndKeepsItsLevelAtFairValue()
    {
        const int Runs = 200;
        int clvHits = 0,
            returnHits = 0,
            clvFalse = 0,
            returnFalse = 0;
        for (var seed = 1; seed <= Runs; seed++)
        {
            var edge = GateStatistic.Evaluate(Bets(seed, 0.03, 600), GateEvidence.Clv);
            var fair = GateStatistic.Evaluate(Bets(seed + 10_000, 0.0, 600), GateEvidence.Clv);
            Assert.Equal(GateEvidence.Clv, edge.Kind);
            Assert.Null(edge.Fallback);
            clvHits += edge.P <= 0.05 ? 1 : 0;
            returnHits += 1 - Normal.CDF(0, 1, edge.RoiZ) <= 0.05 ? 1 : 0;
            clvFalse += fair.P <= 0.05 ? 1 : 0;
            returnFalse += 1 - Normal.CDF(0, 1, fair.RoiZ) <= 0.05 ? 1 : 0;
        }

        output.WriteLine(
            $"CLV power {clvHits}/{Runs}, returns power {returnHits}/{Runs}; at fair value CLV {clvFalse}/{Runs}, returns {returnFalse}/{Runs}"
        );
        Assert.True(clvHits >= 0.95 * Runs, $"CLV power {clvHits}/{Runs}");
        Assert.InRange(returnHits, 0.05 * Runs, 0.35 * Runs);
        Assert.True(clvFalse <= 0.09 * Runs, $"CLV false-positive rate {clvFalse}/{Runs}");
        Assert.True(returnFalse <= 0.09 * Runs, $"returns false-positive rate {returnFalse}/{Runs}");
    }

    [Fact]
    public void WithoutASharpCloseReturnsJudgeAndTheTestSaysSo()
    {
        var bets = Bets(3, 0.03, 300).Select((b, i) => i % 4 == 0 ? b : b with { Clv = double.NaN }).ToArray();
        var test = GateStatistic.Evaluate(bets, GateEvidence.Clv);
        Assert.Equal(GateEvidence.Returns, test.Kind);
        Assert.Contains("of the stake has a sharp close", test.Fallback);
        Assert.Equal(0.25, test.ClvCoverage, 2);
        Assert.Equal(test.RoiZ, test.Z, 12);
        Assert.Contains("returns judge", test.Describe());
    }

    [Fact]
    public void ReturnsFarBelowWhatTheCloseForetoldBlock()
    {
        // A close that flatters every bet by 10 points: CLV says +13 %, the bets earn +3 %.
        var flattered = Bets(5, 0.03, 4000).Select(b => b with { Clv = b.Clv + 0.10 }).ToArray();
        var test = GateStatistic.Evaluate(flattered, GateEvidence.Clv);
        Assert.True(test.P < 1e-6);
        Assert.True(test.Inconsistent, $"gap {test.ConsistencyGap:P2}, z {test.ConsistencyZ:F2}");
        Assert.InRange(test.ConsistencyGap, -0.2, -0.02);

        var honest = GateStatistic.Evaluate(Bets(5, 0.03, 4000), GateEvidence.Clv);
        Assert.False(honest.Inconsistent, $"gap {honest.ConsistencyGap:P2}, z {honest.ConsistencyZ:F2}");
    }

    [Fact]
    public void TheFixedSequenceStopsAtTheFirstFailureOrIneligibleCandidate()
    {
        Assert.Equal(2, FixedSequence.Rejected([0.01, 0.04, 0.2, 0.001], 0.05));
        Assert.Equal(0, FixedSequence.Rejected([0.06, 0.001], 0.05));
        Assert.Equal(1, FixedSequence.Rejected([0.01, 0.001], 0.05, [true, false]));
        Assert.Equal(0, FixedSequence.Rejected([0.02], 0.0152));
    }

    [Fact]
    public void AlphaIsSpentOnceOverALifeOfTestPeriods()
    {
        Assert.Equal(0.05 * 6 / (Math.PI * Math.PI), AlphaSpending.ForPeriod(1), 12);
        Assert.Equal(AlphaSpending.ForPeriod(1) / 4, AlphaSpending.ForPeriod(2), 12);
        Assert.True(AlphaSpending.SpentAfter(1000) < AlphaSpending.Lifetime);
        Assert.True(AlphaSpending.SpentAfter(1000) > 0.0499);
        Assert.Throws<ArgumentOutOfRangeException>(() => AlphaSpending.ForPeriod(0));
    }

    /// <summary>
    /// Twenty completed seasons of an edge-free market (bets at exactly fair value, the null's
    /// boundary), a test period opened for each: confirmation and test seasons read are the four
    /// after the search, so consecutive periods share three. With a fresh 5 % every period, a false
    /// deployment at some point is likely; with α spent once it stays under the lifetime 5 %.
    /// </summary>
    [Fact]
    public void OverTwentySeasonsOfEdgeFreeCyclesAFreshAlphaLeaksAndTheSpentAlphaHolds()
    {
        const int Lives = 400;
        const int Seasons = 24;
        const int Candidates = 2;
        const int MatchesPerSeason = 60;
        int spentLives = 0,
            freshLives = 0;
        for (var life = 0; life < Lives; life++)
        {
            var random = new Random(9_000 + life);
            // Each candidate's bets per season: at fair value, CLV ~ N(0, 0.1) with an unbiased close.
            var seasons = new EvidenceBet[Candidates][][];
            for (var c = 0; c < Candidates; c++)
            {
                seasons[c] = new EvidenceBet[Seasons][];
                for (var s = 0; s < Seasons; s++)
                {
                    seasons[c][s] = Enumerable
                        .Range(0, MatchesPerSeason)
                        .Select(m => new EvidenceBet($"s{s}m{m}", 1, Normal.Sample(random, 0, 1), Normal.Sample(random, 0, 0.1)))
                        .ToArray();
                }
            }

            bool spent = false,
                fresh = false;
            for (var period = 1; period <= Seasons - 4; period++)
            {
                var p = Enumerable
                    .Range(0, Candidates)
                    .Select(c => GateStatistic.Evaluate(seasons[c].Skip(period).Take(4).SelectMany(x => x).ToArray(), GateEvidence.Clv).P)
                    .ToArray();
                spent |= FixedSequence.Rejected(p, AlphaSpending.ForPeriod(period)) > 0;
                fresh |= FixedSequence.Rejected(p, 0.05) > 0;
            }

            spentLives += spent ? 1 : 0;
            freshLives += fresh ? 1 : 0;
        }

        output.WriteLine($"lives with a false deployment: spent α {spentLives}/{Lives}, fresh α {freshLives}/{Lives}");
        // Binomial standard error at 400 lives and 5 % is 1.1 points.
        Assert.True(spentLives <= 0.075 * Lives, $"{spentLives} of {Lives} lives deployed something with α spent once");
        Assert.True(freshLives >= 0.15 * Lives, $"{freshLives} of {Lives} lives deployed something with a fresh α per period");
    }

    /// <summary>Bets on distinct matches at true probability 0.4 and the price giving <paramref name="edge"/>; the close is the truth plus unbiased noise.</summary>
    private static EvidenceBet[] Bets(int seed, double edge, int count)
    {
        var random = new Random(seed);
        const double P = 0.4;
        var price = (1 + edge) / P;
        return Enumerable
            .Range(0, count)
            .Select(i =>
            {
                var won = random.NextDouble() < P;
                var close = P + Normal.Sample(random, 0, 0.04); // unbiased in probability: CLV sd ≈ 0.1
                return new EvidenceBet($"m{i}", 1, won ? price - 1 : -1, price * close - 1);
            })
            .ToArray();
    }
}
