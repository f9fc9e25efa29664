namespace Orleans.Betting.Market;

/// <summary>A match with every quote and its result; which of these a strategy may see is decided by time (DESIGN §3).</summary>
[GenerateSerializer, Immutable]
[Alias("betting.MatchRecord")]
public sealed record MatchRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string League,
    [property: Id(2)] string Season,
    [property: Id(3)] DateTime KickoffUtc,
    [property: Id(4)] string HomeTeam,
    [property: Id(5)] string AwayTeam,
    [property: Id(6)] MatchResult? Result,
    [property: Id(7)] Quote[] Quotes
);
