namespace Orleans.Betting.Market;

/// <summary>
/// One live back price as a named bookmaker offered it: market × outcome × line (NaN for 1X2 and the
/// money line; the goals/points line for totals; the home handicap for spreads, on both sides) and
/// the time the bookmaker last updated it (the Live phase's timestamp).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.LiveQuote")]
public sealed record LiveQuote(
    [property: Id(0)] string Bookmaker,
    [property: Id(1)] MarketType Market,
    [property: Id(2)] Outcome Outcome,
    [property: Id(3)] double Line,
    [property: Id(4)] double Price,
    [property: Id(5)] DateTime AtUtc
)
{
    /// <summary>The slot a later quote of the same book replaces.</summary>
    public (string Bookmaker, MarketType Market, Outcome Outcome, double Line) Slot => (Bookmaker, Market, Outcome, Line);
}
