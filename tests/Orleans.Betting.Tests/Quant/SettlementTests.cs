using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Tests.Quant;

public sealed class SettlementTests
{
    private static MatchResult Score(int h, int a) => new(h, a, null, null);

    [Theory]
    [InlineData(2, 1, Outcome.Home, 1.5)]
    [InlineData(2, 1, Outcome.Draw, -1)]
    [InlineData(1, 1, Outcome.Draw, 1.5)]
    [InlineData(0, 3, Outcome.Away, 1.5)]
    [InlineData(0, 3, Outcome.Home, -1)]
    public void MatchOdds(int h, int a, Outcome outcome, double expected) =>
        Assert.Equal(expected, Settlement.UnitReturn(MarketType.MatchOdds, outcome, double.NaN, 2.5, Score(h, a)), 12);

    [Theory]
    // over/under: half lines win or lose, whole lines push, quarter lines split the stake
    [InlineData(2, 1, Outcome.Over, 2.5, 1.0)]
    [InlineData(1, 1, Outcome.Over, 2.5, -1)]
    [InlineData(1, 1, Outcome.Under, 2.5, 1.0)]
    [InlineData(2, 1, Outcome.Over, 3.0, 0)]
    [InlineData(2, 1, Outcome.Over, 2.75, 0.5)] // half on 2.5 wins, half on 3.0 pushes
    [InlineData(2, 1, Outcome.Under, 2.75, -0.5)] // half on 2.5 loses, half on 3.0 pushes
    [InlineData(1, 0, Outcome.Over, 2.25, -1)] // both halves (2.0 and 2.5) lose
    [InlineData(1, 1, Outcome.Over, 2.25, -0.5)] // half on 2.0 pushes, half on 2.5 loses
    [InlineData(2, 0, Outcome.Over, 2.25, -0.5)] // half on 2.0 pushes, half on 2.5 loses
    [InlineData(2, 0, Outcome.Under, 2.25, 0.5)] // half on 2.0 pushes, half on 2.5 wins
    public void OverUnder(int h, int a, Outcome outcome, double line, double expected) =>
        Assert.Equal(expected, Settlement.UnitReturn(MarketType.OverUnder, outcome, line, 2.0, Score(h, a)), 12);

    [Theory]
    // Asian handicap: line is the home handicap; away bets take the opposite side of the same line
    [InlineData(1, 0, Outcome.Home, -0.5, 0.9)]
    [InlineData(1, 1, Outcome.Home, -0.5, -1)]
    [InlineData(1, 1, Outcome.Away, -0.5, 0.9)]
    [InlineData(1, 0, Outcome.Home, -1.0, 0)] // win by one on −1: push
    [InlineData(1, 0, Outcome.Home, -0.75, 0.45)] // half on −0.5 wins, half on −1 pushes
    [InlineData(1, 0, Outcome.Away, -0.75, -0.5)]
    [InlineData(1, 1, Outcome.Home, -0.25, -0.5)] // half on 0 pushes, half on −0.5 loses
    [InlineData(1, 1, Outcome.Away, -0.25, 0.45)]
    [InlineData(0, 1, Outcome.Home, 0.25, -1)] // both halves (0 and +0.5) lose
    [InlineData(0, 0, Outcome.Home, 0.25, 0.45)] // half on 0 pushes, half on +0.5 wins
    [InlineData(2, 0, Outcome.Home, -1.75, 0.45)] // half on −1.5 wins, half on −2 pushes
    [InlineData(0, 0, Outcome.Home, 0.0, 0)]
    public void AsianHandicap(int h, int a, Outcome outcome, double line, double expected) =>
        Assert.Equal(expected, Settlement.UnitReturn(MarketType.AsianHandicap, outcome, line, 1.9, Score(h, a)), 12);

    [Fact]
    public void QuarterLinesAreRecognised()
    {
        Assert.True(Settlement.IsQuarterLine(-0.25));
        Assert.True(Settlement.IsQuarterLine(2.75));
        Assert.False(Settlement.IsQuarterLine(-0.5));
        Assert.False(Settlement.IsQuarterLine(1.0));
    }
}
