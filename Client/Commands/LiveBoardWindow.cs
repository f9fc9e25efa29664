using Orleans.Betting.Market;

namespace Orleans.Betting.Client.Commands;

/// <summary>
/// Which of a live board's events `odds live` lists: those not long started on the market's own clock (the newest
/// price observed; a simulated live market runs years behind the wall clock), and any with a steam move.
/// </summary>
public static class LiveBoardWindow
{
    public static DateTime MarketNow(LiveBoard board, DateTime fetchedUtc) =>
        board.Events.Select(e => e.LastObservedUtc).OfType<DateTime>().DefaultIfEmpty(fetchedUtc).Max();

    public static IReadOnlyList<LiveEventView> Current(LiveBoard board, DateTime fetchedUtc, int limit)
    {
        var now = MarketNow(board, fetchedUtc);
        return board.Events.Where(e => e.CommenceTime >= now.AddHours(-3) || e.Steam.Count > 0).Take(Math.Max(1, limit)).ToList();
    }
}
