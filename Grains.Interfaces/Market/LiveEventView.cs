namespace Orleans.Betting.Market;

[GenerateSerializer, Immutable]
[Alias("betting.LiveEventView")]
public sealed record LiveEventView(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Sport,
    [property: Id(2)] string HomeTeam,
    [property: Id(3)] string AwayTeam,
    [property: Id(4)] DateTime CommenceTime,
    [property: Id(5)] IReadOnlyList<MarketLine> Lines,
    [property: Id(6)] IReadOnlyList<SteamMove> Steam,
    [property: Id(7)] int Snapshots,
    [property: Id(8)] DateTime? LastObservedUtc
);
