using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Strategies;

namespace Orleans.Betting.Tests.Quant;

public sealed class BacktestEngineTests
{
    private static MatchRecord Match(int day, int hg, int ag, double pinHome, double pinDraw, double pinAway, double closeHome = 2.0) =>
        new(
            $"T/2020-2021/{day}",
            "T",
            "2020-2021",
            new DateTime(2020, 9, 1, 15, 0, 0, DateTimeKind.Utc).AddDays(day),
            $"H{day}",
            $"A{day}",
            new MatchResult(hg, ag, null, null),
            [
                new Quote(PriceSource.Pinnacle, MarketType.MatchOdds, Outcome.Home, double.NaN, Phase.Opening, pinHome),
                new Quote(PriceSource.Pinnacle, MarketType.MatchOdds, Outcome.Draw, double.NaN, Phase.Opening, pinDraw),
                new Quote(PriceSource.Pinnacle, MarketType.MatchOdds, Outcome.Away, double.NaN, Phase.Opening, pinAway),
                new Quote(PriceSource.Pinnacle, MarketType.MatchOdds, Outcome.Home, double.NaN, Phase.Closing, closeHome),
                new Quote(PriceSource.Pinnacle, MarketType.MatchOdds, Outcome.Draw, double.NaN, Phase.Closing, 4.0),
                new Quote(PriceSource.Pinnacle, MarketType.MatchOdds, Outcome.Away, double.NaN, Phase.Closing, 4.0),
            ]
        );

    /// <summary>A cheat: decides at the opening but peeks at the closing price or the result.</summary>
    private sealed class Peeker(bool peekResult) : IBacktestStrategy
    {
        public Phase DecisionPhase => Phase.Opening;

        public void Decide(MarketView view, int match, List<BetIntent> bets)
        {
            if (peekResult)
            {
                _ = view.Result(match);
            }
            else
            {
                _ = view.Price(match, PriceSource.Pinnacle, MarketType.MatchOdds, Outcome.Home, Phase.Closing);
            }
        }
    }

    /// <summary>Decides at the opening but asks to be paid the (later) closing price.</summary>
    private sealed class LateBetter : IBacktestStrategy
    {
        public Phase DecisionPhase => Phase.Opening;

        public void Decide(MarketView view, int match, List<BetIntent> bets) =>
            bets.Add(new BetIntent(MarketType.MatchOdds, Outcome.Home, double.NaN, PriceSource.Pinnacle, Phase.Closing, 0.5));
    }

    /// <summary>Decides at the close but asks to be filled at the (earlier, by then gone) opening price.</summary>
    private sealed class StaleFiller : IBacktestStrategy
    {
        public Phase DecisionPhase => Phase.Closing;

        public void Decide(MarketView view, int match, List<BetIntent> bets) =>
            bets.Add(new BetIntent(MarketType.MatchOdds, Outcome.Home, double.NaN, PriceSource.Pinnacle, Phase.Opening, 0.5));
    }

    [Fact]
    public void AClosingDecisionIsNeverFilledAtAnOpeningPrice()
    {
        var timeline = new MarketTimeline([Match(0, 1, 0, 2.2, 3.4, 3.3), Match(1, 0, 0, 2.0, 3.5, 3.8)]);
        var e = Assert.Throws<QuantException>(() => BacktestEngine.Run(timeline, new StaleFiller(), BacktestOptions.FlatUnits));
        Assert.Contains("decides at the Closing but asked to be filled at the Opening price", e.Message);
    }

    [Fact]
    public void OpenStakesAreNotStakedTwice()
    {
        // Two matches on the same afternoon, flat 600 each on a bankroll of 1,000: the second stake is the 400 still free.
        var sameDay = Match(0, 2, 0, 2.0, 3.5, 4.0) with
        {
            Id = "T/2020-2021/0b",
            HomeTeam = "H0b",
            AwayTeam = "A0b",
        };
        var timeline = new MarketTimeline([Match(0, 2, 0, 2.0, 3.5, 4.0), sameDay]);
        var strategy = new BaselineStrategy(BaselineSide.Home, PriceSource.Pinnacle, Phase.Opening);
        var result = BacktestEngine.Run(
            timeline,
            strategy,
            new BacktestOptions(StakingPlan.Parse("flat:600"), StakeLimits.None, InitialBankroll: 1000, BootstrapSamples: 0)
        );
        Assert.Equal([600.0, 400.0], result.Bets.Select(b => b.Stake));
    }

    [Fact]
    public void WarmUpMatchesAreLearnedFromButNeverBet()
    {
        var timeline = new MarketTimeline([Match(0, 1, 0, 2.2, 3.4, 3.3), Match(10, 0, 0, 2.0, 3.5, 3.8), Match(20, 2, 1, 2.1, 3.4, 3.6)]);
        var strategy = new BaselineStrategy(BaselineSide.Home, PriceSource.Pinnacle, Phase.Opening);
        var result = BacktestEngine.Run(timeline, strategy, BacktestOptions.FlatUnits with { BetFromUtc = timeline.Kickoffs[1] });
        Assert.Equal([1, 2], result.Bets.Select(b => b.MatchIndex));
    }

    [Fact]
    public void AStrategyCannotReadALaterFact()
    {
        var timeline = new MarketTimeline([Match(0, 1, 0, 2.2, 3.4, 3.3), Match(1, 0, 0, 2.0, 3.5, 3.8)]);
        Assert.Throws<LookAheadException>(() => BacktestEngine.Run(timeline, new Peeker(peekResult: false), BacktestOptions.FlatUnits));
        Assert.Throws<LookAheadException>(() => BacktestEngine.Run(timeline, new Peeker(peekResult: true), BacktestOptions.FlatUnits));
        Assert.Throws<LookAheadException>(() => BacktestEngine.Run(timeline, new LateBetter(), BacktestOptions.FlatUnits));

        // What was known is readable: yesterday's result three days later, but not today's.
        var view = timeline.ViewAt(timeline.Matches[1].KickoffUtc);
        Assert.Equal([0], view.SettledMatches());
        Assert.NotNull(view.Result(0));
        Assert.Throws<LookAheadException>(() => view.Result(1));
    }

    [Fact]
    public void FlatBaselineSettlesEveryBetAndComputesTheFigures()
    {
        var timeline = new MarketTimeline([
            Match(0, 2, 0, 2.0, 3.5, 4.0, closeHome: 1.8), // home wins at 2.0 → +1
            Match(1, 0, 1, 2.5, 3.4, 2.9, closeHome: 2.6), // home loses → −1
            Match(2, 1, 0, 3.0, 3.3, 2.4, closeHome: 2.9), // home wins at 3.0 → +2
        ]);
        var strategy = new BaselineStrategy(BaselineSide.Home, PriceSource.Pinnacle, Phase.Opening);
        var result = BacktestEngine.Run(timeline, strategy, BacktestOptions.FlatUnits);
        var m = result.Metrics;
        Assert.Equal(3, m.Bets);
        Assert.Equal(2, m.Wins);
        Assert.Equal(3, m.Staked);
        Assert.Equal(2, m.Profit, 12);
        Assert.Equal(2.0 / 3, m.Roi, 12);
        Assert.Equal(2.5, m.AveragePrice, 12);
        Assert.Equal(1, m.MaxDrawdownAmount, 12); // 101 → 100
        Assert.Equal(102, m.FinalBankroll, 12);

        // CLV of the first bet: 2.0 against the de-margined close of 1.8 / (1/1.8 + 1/4 + 1/4).
        var fairClose = 1 / 1.8 / (1 / 1.8 + 0.25 + 0.25);
        Assert.Equal(2.0 * fairClose - 1, result.Bets[0].Clv, 12);
        Assert.True(m.RoiLow95 <= m.Roi && m.Roi <= m.RoiHigh95);

        // Same seed, same interval; a bootstrap is deterministic.
        Assert.Equal(m, BacktestEngine.Run(timeline, strategy, BacktestOptions.FlatUnits).Metrics);
    }

    [Fact]
    public void ASharpBookWithABooksumUnderOneSkipsThatMatchWithItsReasonAndTheBacktestGoesOn()
    {
        // Match 1's Pinnacle opening book sums to 0.976 (an arbitrage, or a typo in imported data): Shin cannot de-margin it.
        var timeline = new MarketTimeline([Match(0, 1, 0, 2.2, 3.4, 3.3), Match(1, 1, 0, 2.1, 3.6, 4.5), Match(2, 2, 0, 2.0, 3.5, 3.8)]);
        var strategy = StrategyFactory.Create(StrategySpec.Parse("sharp-value:book=pinnacle,edge=0,method=shin,phase=opening"));

        var result = BacktestEngine.Run(timeline, strategy, BacktestOptions.FlatUnits);

        var (reason, count) = Assert.Single(result.SkippedMatches!);
        Assert.Equal(1, count);
        Assert.Contains("margin removal needs one complete book", reason);
        Assert.DoesNotContain(result.Bets, b => b.MatchIndex == 1);
        Assert.Equal(3, result.Evaluations);
    }
}
