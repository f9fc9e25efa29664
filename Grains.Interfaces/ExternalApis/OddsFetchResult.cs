namespace Orleans.Betting.ExternalApis;

[GenerateSerializer, Immutable]
[Alias("betting.OddsFetchResult")]
public sealed record OddsFetchResult(
    [property: Id(0)] IReadOnlyList<OddsEvent> Events,
    [property: Id(1)] QuotaHeaders Quota,
    [property: Id(2)] DateTime FetchedUtc,
    [property: Id(3)] bool FromCache,
    [property: Id(4)] double UpstreamMs,
    [property: Id(5)] double TokenWaitMs = 0,
    [property: Id(6)] IReadOnlyList<ScoreEvent>? Scores = null
);
