using Orleans.Betting.Swarms;

namespace Orleans.Betting.Ledger;

/// <summary>
/// One of the agents' consensus picks and what became of it: <see cref="Outcome"/> "placed" (with the
/// bet's id, price and bookmaker as taken) or "refused" with <see cref="Detail"/> saying why (risk, a
/// steam move against it, a stale or vanished price). <see cref="DecidedUtc"/> is market time.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.BoardPick")]
public sealed record BoardPick(
    [property: Id(0)] Pick Pick,
    [property: Id(1)] string League,
    [property: Id(2)] DateTime DecidedUtc,
    [property: Id(3)] string Outcome,
    [property: Id(4)] string? Detail = null,
    [property: Id(5)] string? BetId = null,
    [property: Id(6)] double? PlacedPrice = null,
    [property: Id(7)] string? Bookmaker = null,
    [property: Id(8)] double? PlacedStake = null
)
{
    public const string Placed = "placed";
    public const string Refused = "refused";
}
