namespace Orleans.Betting.ExternalApis;

/// <summary>One upstream attempt (retries are attempts of their own): what it cost and how it went.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.ApiCallRecord")]
public sealed record ApiCallRecord(
    [property: Id(0)] string Silo,
    [property: Id(1)] ApiCallOutcome Outcome,
    [property: Id(2)] int? StatusCode,
    [property: Id(3)] double LatencyMs,
    [property: Id(4)] long? Cost,
    [property: Id(5)] double TokenWaitMs,
    [property: Id(6)] string? Error,
    [property: Id(7)] DateTime AtUtc
);
