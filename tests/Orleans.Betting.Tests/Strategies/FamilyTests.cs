using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Quant.Features;
using Orleans.Betting.Strategies;
using Orleans.Betting.Strategies.Families;

namespace Orleans.Betting.Tests.Strategies;

/// <summary>Each family on hand-made markets where the right bet is known.</summary>
public sealed class FamilyTests
{
    private static readonly DateTime Start = new(2021, 8, 14, 14, 0, 0, DateTimeKind.Utc);

    private static Quote Q(
        PriceSource s,
        Outcome o,
        Phase p,
        double price,
        MarketType m = MarketType.MatchOdds,
        double line = double.NaN
    ) => new(s, m, o, m == MarketType.MatchOdds ? double.NaN : line, p, price);

    private static MatchRecord Match(int day, string home, string away, int hg, int ag, params Quote[] quotes) =>
        new(
            $"T/2021-2022/{day}/{home}-{away}",
            "T",
            "2021-2022",
            Start.AddDays(day),
            home,
            away,
            new MatchResult(hg, ag, null, null),
            quotes
        );

    private static Quote[] Pinnacle(Phase phase, double h, double d, double a) =>
        [
            Q(PriceSource.Pinnacle, Outcome.Home, phase, h),
            Q(PriceSource.Pinnacle, Outcome.Draw, phase, d),
            Q(PriceSource.Pinnacle, Outcome.Away, phase, a),
        ];

    private static List<BetIntent> Decide(IBacktestStrategy strategy, MarketTimeline timeline, int match)
    {
        var bets = new List<BetIntent>();
        strategy.Decide(timeline.ViewAt(timeline.Timing.KnownAt(timeline.Kickoffs[match], strategy.DecisionPhase)), match, bets);
        return bets;
    }

    [Fact]
    public void SharpValueBacksTheBookThatBeatsFairOddsByTheEdge()
    {
        // Pinnacle 2.00/3.60/4.00 → fair home ≈ 0.486; the soft book's 2.30 is +11.8 % value, its other prices are not.
        var m = Match(
            0,
            "A",
            "B",
            1,
            0,
            [
                .. Pinnacle(Phase.Closing, 2.0, 3.6, 4.0),
                Q(PriceSource.Bet365, Outcome.Home, Phase.Closing, 2.30),
                Q(PriceSource.Bet365, Outcome.Draw, Phase.Closing, 3.3),
                Q(PriceSource.Bet365, Outcome.Away, Phase.Closing, 3.6),
            ]
        );
        var timeline = new MarketTimeline([m]);
        var bet = Assert.Single(
            Decide(new SharpValueStrategy(PriceSource.Bet365, MarginMethod.Multiplicative, 0.05, Phase.Closing), timeline, 0)
        );
        Assert.Equal((Outcome.Home, PriceSource.Bet365), (bet.Outcome, bet.Source));
        Assert.Empty(Decide(new SharpValueStrategy(PriceSource.Bet365, MarginMethod.Multiplicative, 0.15, Phase.Closing), timeline, 0));
    }

    [Fact]
    public void ConsensusValueBetsTheMaxWhenItBeatsTheShadedAverage()
    {
        var m = Match(
            0,
            "A",
            "B",
            0,
            2,
            Q(PriceSource.MarketAvg, Outcome.Home, Phase.Opening, 1.80),
            Q(PriceSource.MarketAvg, Outcome.Draw, Phase.Opening, 3.6),
            Q(PriceSource.MarketAvg, Outcome.Away, Phase.Opening, 4.6),
            Q(PriceSource.MarketMax, Outcome.Home, Phase.Opening, 1.86),
            Q(PriceSource.MarketMax, Outcome.Draw, Phase.Opening, 3.8),
            Q(PriceSource.MarketMax, Outcome.Away, Phase.Opening, 6.0)
        );
        var timeline = new MarketTimeline([m]);
        // Away: (1/4.6 − 0.05)·6.0 − 1 = +0.004 > 0; home: (0.556 − 0.05)·1.86 − 1 < 0.
        var bet = Assert.Single(Decide(new ConsensusValueStrategy(0.05, Phase.Opening), timeline, 0));
        Assert.Equal((Outcome.Away, PriceSource.MarketMax), (bet.Outcome, bet.Source));
        Assert.Empty(Decide(new ConsensusValueStrategy(0.06, Phase.Opening), timeline, 0));
    }

    [Fact]
    public void EloLearnsOnlyFromKnownResultsAndBacksTheUnderratedSide()
    {
        // "Strong" beats everybody 3-0 for six weeks; the book still prices it as an outsider.
        var matches = new List<MatchRecord>();
        for (var w = 0; w < 6; w++)
        {
            matches.Add(Match(w * 7, "Strong", $"X{w}", 3, 0, Pinnacle(Phase.Closing, 2.5, 3.3, 2.9)));
            matches.Add(Match(w * 7 + 1, $"X{w}", "Weak", 0, 0, Pinnacle(Phase.Closing, 2.5, 3.3, 2.9)));
        }

        matches.Add(Match(50, "Strong", "Weak", 1, 0, [.. Pinnacle(Phase.Closing, 3.4, 3.4, 2.2)]));
        var timeline = new MarketTimeline(matches);
        var elo = new EloStrategy(30, 60, 0.26, 0.05, PriceSource.Pinnacle, Phase.Closing);
        Assert.Empty(Decide(elo, timeline, 0)); // no evidence yet about either team
        var bet = Assert.Single(Decide(elo, timeline, 12));
        Assert.Equal(Outcome.Home, bet.Outcome);
        var view = timeline.ViewAt(timeline.Kickoffs[12]);
        var strong = view.Features.Elo(30, 60).Rating(view, 12, home: true);
        Assert.True(strong > 1500 + 6 * 10, $"rating {strong}");

        var (h, d, a) = RatingScale.Probabilities(0, 0.26);
        Assert.Equal(1.0, h + d + a, 12);
        Assert.Equal(h, a, 12);
    }

    [Fact]
    public void MarketRatingBacksTheSideEarlierClosesRateAboveTheBooksOpening()
    {
        // For eight weeks the closing market makes "Strong" a heavy favourite and "Weak" a heavy outsider.
        var matches = new List<MatchRecord>();
        for (var w = 0; w < 8; w++)
        {
            matches.Add(Match(w * 7, "Strong", $"X{w}", 1, 1, Pinnacle(Phase.Closing, 1.35, 5.0, 9.0)));
            matches.Add(Match(w * 7 + 1, $"Y{w}", "Weak", 1, 1, Pinnacle(Phase.Closing, 1.35, 5.0, 9.0)));
        }

        // A bookmaker opens their meeting as if it were even.
        matches.Add(
            Match(
                60,
                "Strong",
                "Weak",
                0,
                0,
                [
                    .. Pinnacle(Phase.Opening, 2.6, 3.3, 2.8),
                    Q(PriceSource.Bet365, Outcome.Home, Phase.Opening, 2.5),
                    Q(PriceSource.Bet365, Outcome.Draw, Phase.Opening, 3.3),
                    Q(PriceSource.Bet365, Outcome.Away, Phase.Opening, 2.8),
                ]
            )
        );
        var timeline = new MarketTimeline(matches);
        var strategy = MarketRatingStrategy.Create(
            new Dictionary<string, string>
            {
                ["rate"] = "0.3",
                ["edge"] = "0.05",
                ["book"] = "bet365",
                ["phase"] = "opening",
            }
        );
        Assert.Empty(Decide(strategy, timeline, 0)); // no closes behind either side yet
        var bet = Assert.Single(Decide(strategy, timeline, 16));
        Assert.Equal((Outcome.Home, PriceSource.Bet365), (bet.Outcome, bet.Source));
        Assert.True(bet.Probability > 0.6, $"model {bet.Probability:F3}");

        // Blended all the way towards Pinnacle's opening (which agrees with the book), there is no edge left.
        var blended = MarketRatingStrategy.Create(
            new Dictionary<string, string>
            {
                ["rate"] = "0.3",
                ["blend"] = "1",
                ["edge"] = "0.05",
                ["book"] = "bet365",
                ["phase"] = "opening",
            }
        );
        Assert.Empty(Decide(blended, timeline, 16));
    }

    [Fact]
    public void PoissonProbabilitiesAreCoherentAndDixonColesMovesLowScores()
    {
        var (h, d, a, over) = PoissonStrategy.Outcomes(1.6, 1.1, 0);
        Assert.Equal(1.0, h + d + a, 9);
        Assert.True(h > a);
        var (_, dRho, _, _) = PoissonStrategy.Outcomes(1.6, 1.1, -0.1);
        Assert.True(dRho > d, "a negative ρ inflates low-scoring draws");
        Assert.InRange(over, 0.4, 0.6);
    }

    [Fact]
    public void FavouriteLongshotOnlyBetsInsideTheBand()
    {
        var m = Match(
            0,
            "A",
            "B",
            2,
            0,
            [
                .. Pinnacle(Phase.Closing, 1.50, 4.4, 7.5),
                Q(PriceSource.MarketMax, Outcome.Home, Phase.Closing, 1.62),
                Q(PriceSource.MarketMax, Outcome.Draw, Phase.Closing, 4.5),
                Q(PriceSource.MarketMax, Outcome.Away, Phase.Closing, 8.0),
            ]
        );
        var timeline = new MarketTimeline([m]);
        var bet = Assert.Single(Decide(new FavouriteLongshotStrategy(1.3, 1.8, 0.02, PriceSource.MarketMax, Phase.Closing), timeline, 0));
        Assert.Equal(Outcome.Home, bet.Outcome);
        Assert.Empty(Decide(new FavouriteLongshotStrategy(2.0, 4.0, 0.0, PriceSource.MarketMax, Phase.Closing), timeline, 0));
    }

    [Fact]
    public void SharpMoveFollowsAStrongMoveAtABookThatLagged()
    {
        var m = Match(
            0,
            "A",
            "B",
            0,
            1,
            [
                .. Pinnacle(Phase.Opening, 2.2, 3.4, 3.4),
                .. Pinnacle(Phase.Closing, 2.7, 3.4, 2.7),
                Q(PriceSource.Bet365, Outcome.Home, Phase.Closing, 2.6),
                Q(PriceSource.Bet365, Outcome.Draw, Phase.Closing, 3.3),
                Q(PriceSource.Bet365, Outcome.Away, Phase.Closing, 3.1),
            ]
        );
        var timeline = new MarketTimeline([m]);
        var bet = Assert.Single(Decide(new SharpMoveStrategy(0.04, 0.0, PriceSource.Bet365), timeline, 0));
        Assert.Equal(Outcome.Away, bet.Outcome);
        Assert.Empty(Decide(new SharpMoveStrategy(0.10, 0.0, PriceSource.Bet365), timeline, 0));
    }

    [Fact]
    public void EverySampledOrMutatedSpecBuildsAStrategyAndTheSameSeedSamplesTheSame()
    {
        foreach (var family in StrategyFactory.Searchable)
        {
            var space = StrategyFactory.Space(family);
            var a = new Random(5);
            var b = new Random(5);
            for (var i = 0; i < 50; i++)
            {
                var sample = space.Sample(a);
                Assert.Equal(sample, space.Sample(b));
                var mutated = space.Mutate(sample, a);
                _ = space.Mutate(sample, b);
                Assert.NotNull(StrategyFactory.Create(new StrategySpec(family, sample)));
                Assert.NotNull(StrategyFactory.Create(new StrategySpec(family, mutated)));
                Assert.NotNull(StrategyFactory.Create(new StrategySpec(family, space.Cross(sample, mutated, a))));
                _ = space.Cross(sample, mutated, b);
            }
        }
    }

    [Fact]
    public void DeflatedSharpeMatchesTheReference()
    {
        Assert.Equal(0.1265301, SharpeStatistics.ExpectedMaximum(100, 0.0025), 6);
        Assert.Equal(0.9991915, SharpeStatistics.Probabilistic(0.10, 0, 1000, 0, 3), 6);
        Assert.Equal(0.2014513, SharpeStatistics.Deflated(0.10, 1000, 0, 3, 100, 0.0025), 6);
        Assert.Equal(SharpeStatistics.Probabilistic(0.10, 0, 1000, 0, 3), SharpeStatistics.Deflated(0.10, 1000, 0, 3, 1, 0.0025), 12);
    }
}
