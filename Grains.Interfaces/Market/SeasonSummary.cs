namespace Orleans.Betting.Market;

[GenerateSerializer, Immutable]
[Alias("betting.SeasonSummary")]
public sealed record SeasonSummary(
    [property: Id(0)] string League,
    [property: Id(1)] string Season,
    [property: Id(2)] int Matches,
    [property: Id(3)] int Quotes,
    [property: Id(4)] DateTime? FirstKickoffUtc,
    [property: Id(5)] DateTime? LastKickoffUtc,
    [property: Id(6)] string Source,
    [property: Id(7)] int Version
);
