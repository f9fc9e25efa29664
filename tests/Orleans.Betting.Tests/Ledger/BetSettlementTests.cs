using Orleans.Betting.Ledger;
using Orleans.Betting.Market;

namespace Orleans.Betting.Tests.Ledger;

/// <summary>
/// One bet against its result, without a cluster: status and profit on whole and quarter lines, the sharp close
/// kept raw, CLV against Pinnacle's de-margined close, and for a live bet without Pinnacle the consensus close,
/// named on the bet.
/// </summary>
public sealed class BetSettlementTests
{
    private static readonly DateTime Kickoff = new(2031, 3, 1, 15, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Settled = Kickoff.AddHours(3);

    private static Quote Close(PriceSource s, MarketType m, Outcome o, double line, double price) =>
        new(s, m, o, line, Phase.Closing, price);

    private static MatchRecord Match(MatchResult? result, params Quote[] quotes) =>
        new("T/2030-2031/2031-03-01/Home-Away", "T", "2030-2031", Kickoff, "Home", "Away", result, quotes);

    private static PaperBet Bet(string selection, double price, string? bookmaker = null) =>
        new(
            "b1",
            "T/2030-2031/2031-03-01/Home-Away",
            "T",
            "2030-2031",
            Kickoff,
            "Home v Away",
            Selection.Parse(selection),
            price,
            PriceSource.Bet365,
            10,
            Kickoff.AddDays(-1),
            1,
            Bookmaker: bookmaker
        );

    [Fact]
    public void AWinnerAgainstTheSharpCloseIsPaidAndMeasured()
    {
        // Pinnacle closes 1.90 / 3.80 / 4.75: booksum 1.0526 + 0.2632 + 0.2105 = 1.0895... de-margined home 0.4830.
        var match = Match(
            new MatchResult(2, 1, null, null),
            Close(PriceSource.Pinnacle, MarketType.MatchOdds, Outcome.Home, double.NaN, 1.90),
            Close(PriceSource.Pinnacle, MarketType.MatchOdds, Outcome.Draw, double.NaN, 3.80),
            Close(PriceSource.Pinnacle, MarketType.MatchOdds, Outcome.Away, double.NaN, 4.75)
        );
        var settled = BetSettlement.Settle(Bet("home", 2.20), match, Settled);

        var fair = 1 / 1.90 / (1 / 1.90 + 1 / 3.80 + 1 / 4.75);
        Assert.Equal(BetStatus.Won, settled.Status);
        Assert.Equal(12.0, settled.Profit, 9);
        Assert.Equal(1.90, settled.ClosingPrice);
        Assert.Equal("pinnacle", settled.ClvBasis);
        Assert.Equal(2.20 * fair - 1, settled.Clv!.Value, 9);
        Assert.Equal(Settled, settled.SettledUtc);
    }

    [Fact]
    public void QuarterLinesSettleHalfAndAMissingCloseMeansNoClv()
    {
        // Home −0.25 with a draw: half the stake lost, half returned.
        var draw = Match(new MatchResult(1, 1, null, null));
        var halfLost = BetSettlement.Settle(Bet("ah home -0.25", 1.95), draw, Settled);
        Assert.Equal(BetStatus.HalfLost, halfLost.Status);
        Assert.Equal(-5.0, halfLost.Profit, 9);
        Assert.Null(halfLost.Clv);
        Assert.Null(halfLost.ClvBasis);

        // Over 2.25 with two goals: half lost; with three: won.
        Assert.Equal(
            BetStatus.HalfLost,
            BetSettlement.Settle(Bet("over 2.25", 2.0), Match(new MatchResult(2, 0, null, null)), Settled).Status
        );
        Assert.Equal(BetStatus.Won, BetSettlement.Settle(Bet("over 2.25", 2.0), Match(new MatchResult(2, 1, null, null)), Settled).Status);
    }

    [Fact]
    public void ALiveBetWithoutPinnacleIsMeasuredAgainstTheConsensusCloseAndSaysSo()
    {
        var match = Match(
            new MatchResult(0, 2, null, null),
            Close(PriceSource.MarketAvg, MarketType.MoneyLine, Outcome.Home, double.NaN, 1.80),
            Close(PriceSource.MarketAvg, MarketType.MoneyLine, Outcome.Away, double.NaN, 2.00)
        );
        var live = BetSettlement.Settle(Bet("ml away", 2.10, bookmaker: "betfair"), match, Settled);
        Assert.Equal(BetStatus.Won, live.Status);
        Assert.Equal("consensus", live.ClvBasis);
        Assert.Equal(2.10 * (0.5 / (1 / 1.80 + 0.5)) - 1, live.Clv!.Value, 9);

        // A replay bet (no bookmaker) is never measured against the consensus.
        Assert.Null(BetSettlement.Settle(Bet("ml away", 2.10), match, Settled).ClvBasis);
        Assert.Throws<ArgumentException>(() => BetSettlement.Settle(Bet("home", 2.0), Match(null), Settled));
    }
}
