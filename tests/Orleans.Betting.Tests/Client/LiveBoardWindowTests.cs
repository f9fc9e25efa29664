using Orleans.Betting.Client.Commands;
using Orleans.Betting.Market;

namespace Orleans.Betting.Tests.Client;

/// <summary>`odds live` lists events by the market's own clock, not the wall clock the fetch is stamped with.</summary>
public sealed class LiveBoardWindowTests
{
    private static LiveEventView Event(string id, DateTime commence, DateTime? observed) =>
        new(id, "soccer_synthetic_s1", "A", "B", commence, [], [], 3, observed);

    [Fact]
    public void ASimulatedMarketYearsBehindTheWallClockStillListsItsUpcomingEvents()
    {
        var market = new DateTime(2023, 8, 10, 14, 0, 0, DateTimeKind.Utc);
        var board = new LiveBoard(
            "soccer_synthetic_s1",
            [
                Event("long-over", market.AddDays(-2), market.AddDays(-2)),
                Event("just-started", market.AddHours(-1), market),
                Event("tomorrow", market.AddDays(1), market.AddMinutes(-5)),
            ],
            12,
            null,
            null,
            null,
            null
        );
        var fetched = new DateTime(2026, 12, 8, 1, 0, 0, DateTimeKind.Utc); // the wall clock: three years later

        Assert.Equal(market, LiveBoardWindow.MarketNow(board, fetched));
        Assert.Equal(["just-started", "tomorrow"], LiveBoardWindow.Current(board, fetched, 10).Select(e => e.EventId));
        Assert.Equal(["just-started"], LiveBoardWindow.Current(board, fetched, 1).Select(e => e.EventId));
        // Nothing observed yet: the fetch's time is all there is.
        var empty = board with
        {
            Events = [Event("unpriced", fetched.AddHours(2), null)],
        };
        Assert.Equal(["unpriced"], LiveBoardWindow.Current(empty, fetched, 10).Select(e => e.EventId));
    }
}
