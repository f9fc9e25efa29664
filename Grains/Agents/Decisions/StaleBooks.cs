using System.Globalization;
using Orleans.Betting.Market;

namespace Orleans.Betting.Agents.Decisions;

/// <summary>A bookmaker offering a price the sharp book's current price says it should no longer offer.</summary>
public sealed record StaleBook(string Key, string Bookmaker, double Above, string Text);

/// <summary>
/// MarketIntelligence's stale-book check (pure): on each line of a live event, the best price against the reference
/// (sharp) book's current price for the same outcome. A best price more than <c>threshold</c> above it, at another
/// bookmaker, is a stale line: that book has not followed the market (or errs), an opportunity or a trap, and a
/// person should know.
/// </summary>
public static class StaleBooks
{
    public const double DefaultThreshold = 0.08;

    public static IReadOnlyList<StaleBook> Find(LiveEventView e, double threshold = DefaultThreshold) =>
        e
            .Lines.Where(l =>
                l.ReferenceCurrent > 1
                && l.BestPrice > 1
                && !string.Equals(l.BestBookmaker, l.ReferenceBookmaker, StringComparison.Ordinal)
                && l.BestPrice / l.ReferenceCurrent - 1 > threshold
            )
            .Select(l => new StaleBook(
                $"stale|{e.EventId}|{l.Market}|{l.Outcome}|{l.Point?.ToString(CultureInfo.InvariantCulture) ?? "-"}|{l.BestBookmaker}",
                l.BestBookmaker,
                l.BestPrice / l.ReferenceCurrent - 1,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Stale line: {e.HomeTeam} v {e.AwayTeam} {l.Market} {l.Outcome}{(l.Point is { } p ? $" {p}" : "")}: {l.BestBookmaker} offers {l.BestPrice:0.00}, {l.BestPrice / l.ReferenceCurrent - 1:P1} above {l.ReferenceBookmaker}'s {l.ReferenceCurrent:0.00}"
                )
            ))
            .ToList();
}
