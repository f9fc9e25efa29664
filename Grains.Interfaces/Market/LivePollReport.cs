using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Market;

[GenerateSerializer, Immutable]
[Alias("betting.LivePollReport")]
public sealed record LivePollReport(
    [property: Id(0)] string Sport,
    [property: Id(1)] int Events,
    [property: Id(2)] int PriceChanges,
    [property: Id(3)] IReadOnlyList<SteamMove> NewSteam,
    [property: Id(4)] bool FromCache,
    [property: Id(5)] QuotaHeaders Quota,
    [property: Id(6)] DateTime FetchedUtc
);
