using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Market;

[GenerateSerializer, Immutable]
[Alias("betting.LivePollRequest")]
public sealed record LivePollRequest(
    [property: Id(0)] string Regions = "uk,eu",
    [property: Id(1)] string Markets = "h2h,totals",
    [property: Id(2)] RequestPriority Priority = RequestPriority.Normal
);
