namespace Orleans.Betting.ExternalApis;

/// <summary>The credits the API reports on every response (x-requests-remaining / -used / -last).</summary>
[GenerateSerializer, Immutable]
[Alias("betting.QuotaHeaders")]
public sealed record QuotaHeaders([property: Id(0)] long? Remaining, [property: Id(1)] long? Used, [property: Id(2)] long? Last);
