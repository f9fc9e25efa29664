namespace Orleans.Betting.Client.Commands;

public sealed record ApiStatus(
    string Api,
    double TokensPerSecond,
    int Burst,
    long AvailableTokens,
    IReadOnlyDictionary<string, int> Waiting,
    long? QuotaRemaining,
    long? QuotaUsed,
    string Circuit,
    string? CircuitReason,
    long Granted,
    long Requests,
    double CacheHitRate,
    long UpstreamAttempts,
    long UpstreamErrors,
    long RateLimited,
    long Timeouts,
    double LatencyP50Ms,
    double LatencyP99Ms,
    long CreditsSpent,
    string? LastError
);
