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

    /// <summary>An agent's record grew past its bound (something kept in it that belongs in a journal or a table).</summary>
    LargeRecord,

    // Business checks.
    BelowValidatedRange,
    StalePrices,

    /// <summary>A silo's data disk has less free space than the rule allows (Betting:Health:Rules:MinDiskFreePercent).</summary>
    LowDisk,
}
