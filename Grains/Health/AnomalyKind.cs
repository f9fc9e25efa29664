namespace Orleans.Betting.Health;

public enum AnomalyKind
{
    // Statistical: from a series' learned baseline.
    Spike,
    LevelShift,
    Trend,

    // Rules: a threshold crossed on a sample, confirmed on consecutive samples.
    ErrorBurst,
    ConnectionFailures,
    RateLimited,
    SlowResponses,
    MalformedResponses,
    Unreachable,
    AgentFaulted,

    // Business checks.
    BelowValidatedRange,
    StalePrices,
}
