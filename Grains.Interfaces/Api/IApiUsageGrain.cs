using Orleans.Concurrency;

namespace Orleans.Betting.Api;

/// <summary>How one upstream attempt ended.</summary>
public enum ApiCallOutcome
{
    Success,
    HttpError,
    RateLimited,
    Timeout,
    Connection,
}

/// <summary>One upstream attempt (retries are attempts of their own): what it cost and how it went.</summary>
[GenerateSerializer, Immutable]
public sealed record ApiCallRecord(
    [property: Id(0)] string Silo,
    [property: Id(1)] ApiCallOutcome Outcome,
    [property: Id(2)] int? StatusCode,
    [property: Id(3)] double LatencyMs,
    [property: Id(4)] long? Cost,
    [property: Id(5)] double TokenWaitMs,
    [property: Id(6)] string? Error,
    [property: Id(7)] DateTime AtUtc);

/// <summary>How a caller's request was answered by the pool.</summary>
public enum ApiServedFrom
{
    Upstream,
    Cache,
    /// <summary>Joined an identical request already in flight.</summary>
    InFlight,
    Failed,
}

/// <summary>An API's usage as the monitors and the client see it.</summary>
[GenerateSerializer, Immutable]
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
    [property: Id(16)] string Circuit,
    [property: Id(17)] long CircuitOpenings,
    [property: Id(18)] long ConnectionErrors = 0,
    [property: Id(19)] long MalformedResponses = 0,
    [property: Id(20)] double SuccessLatencyTotalMs = 0,
    [property: Id(21)] IReadOnlyList<string>? RecentMalformedKeys = null)
{
    /// <summary>Requests answered without an upstream call (cache or a shared in-flight call), as a share of all requests.</summary>
    public double CacheHitRate => Requests == 0 ? 0 : (ServedFromCache + JoinedInFlight) / (double)Requests;
}

/// <summary>Per-API usage (key: the API name): every upstream attempt and every request served, for the client and the monitors.</summary>
public interface IApiUsageGrain : IGrainWithStringKey
{
    [OneWay]
    Task RecordAttemptAsync(ApiCallRecord call);

    /// <summary>A request answered; a failed one names its cause (an <see cref="ApiFailure"/>) and request key.</summary>
    [OneWay]
    Task RecordServedAsync(ApiServedFrom servedFrom, ApiFailure? failure = null, string? requestKey = null);

    /// <summary>A silo's circuit for this API changed state (Open, HalfOpen, Closed).</summary>
    [OneWay]
    Task RecordCircuitAsync(string silo, string state, DateTime? untilUtc);

    Task<ApiUsage> GetUsageAsync();
}
