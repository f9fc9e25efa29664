namespace Orleans.Betting.ExternalApis;

/// <summary>A circuit breaker's state on one silo (each silo's HttpClient pipeline has its own breaker).</summary>
[GenerateSerializer]
[Alias("betting.CircuitState")]
public enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}
