using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Swarms;
using Orleans.Betting.Swarms.Rules;

namespace Orleans.Betting.Tests.Quant;

/// <summary>
/// The calibrated synthetic market and the fair-value control the power benchmark measures on: still
/// edge-free where nothing is planted, prices that move from opening to close as the real leagues'
/// do (more than the classic market's), and a control plant at exactly fair value.
/// </summary>
public sealed class CalibratedMarketTests
{
    private static readonly string[] Seasons = ["2018-2019", "2019-2020"];

    [Fact]
    public void TheCalibratedMarketIsStillEdgeFreeAndItsOpeningMovesTowardTheClose()
    {
        var truth = new Dictionary<string, MarketSimulator.MarketProbabilities>();
        var calibrated = MarketSimulator
            .Generate(new SimulationOptions(5, 1, Seasons, MarketPlant.None, Realism: MarketRealism.Calibrated), (id, t) => truth[id] = t)
            .SelectMany(s => s.Matches)
            .ToArray();
        var classic = MarketSimulator.Generate(new SimulationOptions(5, 1, Seasons, MarketPlant.None)).SelectMany(s => s.Matches).ToArray();

        // No price anywhere above the true fair odds (to the cent), so every strategy's expected return is ≤ 0.
        foreach (var m in calibrated)
        {
            var t = truth[m.Id];
            foreach (var q in m.Quotes.Where(q => q.Market == MarketType.MatchOdds))
            {
                Assert.True(
                    q.Price <= Math.Floor(100.0 / t.X12[(int)q.Outcome]) / 100.0 + 1e-9,
                    $"{m.Id} {q.Source} {q.Phase} {q.Outcome} {q.Price}"
                );
            }
        }

        // Pinnacle's fair price moves from opening to close about as much as in the real leagues (sd of the log ratio 0.085 there).
        var calibratedMove = Movement(calibrated);
        var classicMove = Movement(classic);
        Assert.InRange(calibratedMove, 0.059, 0.11);
        Assert.True(calibratedMove > 1.3 * classicMove, $"calibrated {calibratedMove:F4}, classic {classicMove:F4}");
    }

    [Fact]
    public void TheUncappedMarketErrsBothWaysAndItsCloseWitnessesTheTrueValueOfTheBestPrice()
    {
        (List<double> Clv, List<double> TrueValue, double AboveFair) Rule(MarketRealism realism)
        {
            var truth = new Dictionary<string, MarketSimulator.MarketProbabilities>();
            var matches = MarketSimulator
                .Generate(new SimulationOptions(5, 2, Seasons, MarketPlant.None, Realism: realism), (id, t) => truth[id] = t)
                .SelectMany(s => s.Matches)
                .ToArray();
            var (clv, value) = (new List<double>(), new List<double>());
            int above = 0,
                quoted = 0;
            foreach (var m in matches)
            {
                var openingFair = new[] { Outcome.Home, Outcome.Draw, Outcome.Away }
                    .Select(o =>
                        ClosingLine.FairProbability(m, MarketType.MatchOdds, o, double.NaN, PriceSource.Pinnacle, Phase.Opening, out _)
                    )
                    .ToArray();
                foreach (
                    var q in m.Quotes.Where(q =>
                        q.Source == PriceSource.MarketMax && q.Phase == Phase.Opening && q.Market == MarketType.MatchOdds
                    )
                )
                {
                    var p = truth[m.Id].Of(q.Market, q.Outcome, q.Line);
                    quoted++;
                    above += q.Price * p > 1 ? 1 : 0;
                    // The rule: the best opening price where it beats Pinnacle's de-margined opening price.
                    if (q.Price * openingFair[(int)q.Outcome] > 1)
                    {
                        clv.Add(ClosingLine.Value(m, new BetIntent(q.Market, q.Outcome, q.Line, q.Source, q.Phase, 0), q.Price));
                        value.Add(q.Price * p - 1);
                    }
                }
            }

            return (clv, value, above / (double)quoted);
        }

        var uncapped = Rule(MarketRealism.Uncapped);
        var capped = Rule(MarketRealism.Calibrated);

        // Capped, no best price beats fair; uncapped, books err both ways and a fair share of best prices beat it.
        Assert.Equal(0, capped.AboveFair);
        Assert.InRange(uncapped.AboveFair, 0.15, 0.6);

        // The rule's CLV spread: the real leagues' 0.105 is reached only without the cap.
        Assert.InRange(Sd(uncapped.Clv), 0.075, 0.135);
        Assert.True(Sd(capped.Clv) < 0.06, $"capped sd {Sd(capped.Clv):F4}");

        // The close is an unbiased witness: the rule's mean CLV is its true expected return, to within 0.5 points, and it is positive.
        Assert.InRange(uncapped.Clv.Average() - uncapped.TrueValue.Average(), -0.005, 0.005);
        Assert.True(uncapped.TrueValue.Average() > 0.01, $"true expected return {uncapped.TrueValue.Average():P2}");
        Assert.True(capped.TrueValue.Average() < 0, $"capped true expected return {capped.TrueValue.Average():P2}");
    }

    [Fact]
    public void TheFairValueControlPlantsExactlyFairPricesOnTheSameShare()
    {
        var truth = new Dictionary<string, MarketSimulator.MarketProbabilities>();
        var planted = new Dictionary<string, int>();
        var matches = MarketSimulator
            .Generate(
                new SimulationOptions(11, 2, Seasons, MarketPlant.Parse("value-book:edge=0,share=0.3")),
                (id, t) => truth[id] = t,
                plantObserver: (id, side) => planted[id] = side
            )
            .SelectMany(s => s.Matches)
            .ToArray();
        Assert.Equal("value-book:edge=0,share=0.3", MarketPlant.ValueBook(0, 0.3).ToString());
        Assert.InRange(planted.Count / (double)matches.Length, 0.25, 0.35);
        var evs = new List<double>();
        foreach (var m in matches.Where(m => planted.ContainsKey(m.Id)))
        {
            var side = (Outcome)planted[m.Id];
            var price = m
                .Quotes.Single(q =>
                    q.Source == PriceSource.ValueBook && q.Market == MarketType.MatchOdds && q.Outcome == side && q.Phase == Phase.Opening
                )
                .Price;
            evs.Add(price * truth[m.Id].X12[(int)side] - 1);
        }

        // Rounded to 3 decimals, not below fair by a margin: each within ±0.1 % of 0 and 0 on average.
        Assert.All(evs, ev => Assert.InRange(ev, -0.001, 0.001));
        Assert.InRange(evs.Average(), -0.0002, 0.0002);
        Assert.Throws<QuantException>(() => MarketPlant.Parse("value-book:edge=-0.01"));
    }

    [Fact]
    public void APickTradesOneStrategysOwnPriceWithItsProbabilityShrunkTowardTheSharpOpening()
    {
        var kickoff = new DateTime(2022, 1, 1, 15, 0, 0, DateTimeKind.Utc);
        Quote Pin(Outcome o, double price) => new(PriceSource.Pinnacle, MarketType.MatchOdds, o, double.NaN, Phase.Opening, price);
        var match = new MatchRecord(
            "T/1",
            "T",
            "2021-2022",
            kickoff,
            "A",
            "B",
            null,
            [Pin(Outcome.Home, 2.0), Pin(Outcome.Draw, 3.5), Pin(Outcome.Away, 4.0)]
        );
        var sharp = 0.5 / (0.5 + 1 / 3.5 + 0.25);
        Assert.Equal(sharp, PickPricing.SharpFair(match, Selection.Parse("home")), 12);

        // A sure-of-itself voter at the best price and a modest one: the pick is one strategy's vote, not a blend.
        Vote[] votes =
        [
            new("s1", "T/1", Selection.Parse("home"), 0.60, 2.20, PriceSource.Bet365, 0.32, 0.9),
            new("s2", "T/1", Selection.Parse("home"), 0.52, 2.30, PriceSource.ValueBook, 0.196, 0.4),
        ];
        var pick = ConsensusDecision.Decide(match, votes, 2, 2, 0, ConsensusRule.Weighted, 0.5)!;
        Assert.Equal((2.20, PriceSource.Bet365), (pick.Price, pick.Source.Value));
        Assert.Equal(0.5 * 0.60 + 0.5 * sharp, pick.Probability, 12);
        Assert.Equal(2.20 * pick.Probability - 1, pick.Edge, 12);

        // Without a complete sharp opening the strategy's own probability stands.
        var bare = match with
        {
            Quotes = [Pin(Outcome.Home, 2.0)],
        };
        Assert.True(double.IsNaN(PickPricing.SharpFair(bare, Selection.Parse("home"))));
        Assert.Equal(0.60, ConsensusDecision.Decide(bare, votes, 2, 2, 0, ConsensusRule.Weighted, 0.5)!.Probability, 12);
    }

    private static double Sd(IReadOnlyCollection<double> xs)
    {
        var mean = xs.Average();
        return Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Count - 1));
    }

    private static double Movement(IEnumerable<MatchRecord> matches)
    {
        var logs = new List<double>();
        foreach (var m in matches)
        {
            double[]? Fair(Phase phase)
            {
                var p = new[] { Outcome.Home, Outcome.Draw, Outcome.Away }
                    .Select(o =>
                        m.Quotes.Where(q =>
                                q.Source == PriceSource.Pinnacle && q.Phase == phase && q.Market == MarketType.MatchOdds && q.Outcome == o
                            )
                            .Select(q => 1 / q.Price)
                            .DefaultIfEmpty(double.NaN)
                            .First()
                    )
                    .ToArray();
                return p.Any(double.IsNaN) ? null : p.Select(x => x / p.Sum()).ToArray();
            }

            if (Fair(Phase.Opening) is { } open && Fair(Phase.Closing) is { } close)
            {
                logs.AddRange(open.Zip(close, (o, c) => Math.Log(c / o)));
            }
        }

        return Sd(logs);
    }
}
