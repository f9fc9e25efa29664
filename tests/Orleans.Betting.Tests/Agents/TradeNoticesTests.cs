using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Ledger;
using Orleans.Betting.Market;

namespace Orleans.Betting.Tests.Agents;

/// <summary>Trading notifications: one per batch, naming at most five bets with their figures, keyed per batch.</summary>
public sealed class TradeNoticesTests
{
    private static PaperBet Bet(int i, BetStatus status = BetStatus.Open, double profit = 0) =>
        new(
            $"live:m{i}:home",
            $"S1/2023-2024/2023-08-1{i % 10}/A{i}-B{i}",
            "S1",
            "2023-2024",
            new DateTime(2023, 8, 10, 15, 0, 0, DateTimeKind.Utc),
            $"A{i}-B{i}",
            Selection.Of(MarketType.MatchOdds, Outcome.Home, double.NaN),
            2.2,
            new QuoteSource(PriceSource.MarketMax),
            10,
            new DateTime(2023, 8, 9, 15, 0, 0, DateTimeKind.Utc),
            1,
            Status: status,
            Profit: profit,
            Bookmaker: "softbook",
            Probability: 0.5
        );

    [Fact]
    public void PlacedAndSettledBatchesNameTheirBetsAndFigures()
    {
        Assert.Null(TradeNotices.Placed([], "orchestrator"));
        var placed = TradeNotices.Placed([.. Enumerable.Range(1, 7).Select(i => Bet(i))], "orchestrator")!;
        Assert.Equal("bets-placed|live:m1:home|7", placed.Key);
        Assert.StartsWith("7 bet(s) placed: A1-B1 home @ 2.20 at softbook, stake 10.00, edge +10.0%", placed.Text);
        Assert.EndsWith("; and 2 more", placed.Text);
        Assert.DoesNotContain("A6-B6", placed.Text);

        var settled = TradeNotices.Settled([Bet(1, BetStatus.Won, 12), Bet(2, BetStatus.Lost, -10)], "performance-analyst")!;
        Assert.Equal("2 bet(s) settled, profit +2.00: A1-B1 home Won +12.00; A2-B2 home Lost -10.00", settled.Text);
        Assert.Equal("held|s1", TradeNotices.Held("s1", "elo:k=20", ["too good to be true"], "orchestrator").Key);
    }
}
