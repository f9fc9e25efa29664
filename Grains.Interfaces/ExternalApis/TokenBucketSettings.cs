namespace Orleans.Betting.ExternalApis;

[GenerateSerializer, Immutable]
[Alias("betting.TokenBucketSettings")]
public sealed record TokenBucketSettings(
    [property: Id(0)] double TokensPerSecond,
    [property: Id(1)] int Burst,
    [property: Id(2)] long QuotaReserveForCritical = 0,
    [property: Id(3)] int QuotaResetDay = 1
);
