namespace Orleans.Betting.ExternalApis;

/// <summary>An API's usage as the monitors and the client see it.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.ApiUsage")]
public sealed record ApiUsage(
    [property: Id(0)] string Api,
    [property: Id(1)] long Requests,
    [property: Id(2)] long ServedFromCache,
    [property: Id(3)] long JoinedInFlight,
    [property: Id(4)] long FailedRequests,
    [property: Id(5)] long UpstreamAttempts,
    [property: Id(6)] long UpstreamSuccesses,
    [property: Id(7)] long UpstreamErrors,
    [property: Id(8)] long RateLimited,
    [property: Id(9)] long Timeouts,
    [property: Id(10)] long CreditsSpent,
    [property: Id(11)] double LatencyP50Ms,
    [property: Id(12)] double LatencyP99Ms,
    [property: Id(13)] IReadOnlyDictionary<string, long> AttemptsBySilo,
    [property: Id(14)] string? LastError,
    [property: Id(15)] DateTime? LastErrorUtc,
    [property: Id(16)] IReadOnlyList<SiloCircuit> Circuits,
    [property: Id(17)] long CircuitOpenings,
    [property: Id(18)] long ConnectionErrors = 0,
    [property: Id(19)] long MalformedResponses = 0,
    [property: Id(20)] double SuccessLatencyTotalMs = 0,
    [property: Id(21)] IReadOnlyList<string>? RecentMalformedKeys = null
)
{
    /// <summary>Requests answered without an upstream call (cache or a shared in-flight call), as a share of all requests.</summary>
    public double CacheHitRate => Requests == 0 ? 0 : (ServedFromCache + JoinedInFlight) / (double)Requests;

    /// <summary>Every silo's circuit is closed (only silos whose circuit is not closed are listed).</summary>
    public bool AllCircuitsClosed => Circuits.All(c => c.State == CircuitState.Closed);

    /// <summary>At least one silo's circuit is Open (refusing calls), whatever the others are.</summary>
    public bool OpenOnAnySilo => Circuits.Any(c => c.State == CircuitState.Open);

    /// <summary>"Closed", or each silo whose circuit is not: "HalfOpen on s1; Open on s2 until 10:15:00".</summary>
    public string CircuitSummary => AllCircuitsClosed ? "Closed" : string.Join("; ", Circuits.Where(c => c.State != CircuitState.Closed));
}
