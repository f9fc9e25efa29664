namespace Orleans.Betting.Market;

[GenerateSerializer, Immutable]
[Alias("betting.EventUpdate")]
public sealed record EventUpdate(
    [property: Id(0)] int PriceChanges,
    [property: Id(1)] IReadOnlyList<SteamMove> NewSteam,
    [property: Id(2)] LiveEventSummary? Live = null,
    [property: Id(3)] int LivePriceChanges = 0
);
