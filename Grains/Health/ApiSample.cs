namespace Orleans.Betting.Health;

/// <summary>One API's traffic during one sample interval (differences of the usage counters).</summary>
public sealed record ApiSample(
    string Api,
    long Attempts,
    long HttpErrors,
    long RateLimited,
    long Timeouts,
    long ConnectionErrors,
    long Malformed,
    double? MeanLatencyMs,
    bool CircuitOpen
);
