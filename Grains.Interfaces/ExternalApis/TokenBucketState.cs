namespace Orleans.Betting.ExternalApis;

[GenerateSerializer, Immutable]
[Alias("betting.TokenBucketState")]
public sealed record TokenBucketState(
    [property: Id(0)] string Api,
    [property: Id(1)] double TokensPerSecond,
    [property: Id(2)] int Burst,
    [property: Id(3)] long AvailableTokens,
    [property: Id(4)] IReadOnlyDictionary<RequestPriority, int> Waiting,
    [property: Id(5)] long? QuotaRemaining,
    [property: Id(6)] long? QuotaUsed,
    [property: Id(7)] bool Paused,
    [property: Id(8)] DateTime? PausedUntilUtc,
    [property: Id(9)] string? PauseReason,
    [property: Id(10)] long Granted,
    [property: Id(11)] long Pauses = 0
);
