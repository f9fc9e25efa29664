namespace Orleans.Betting.ExternalApis;

/// <summary>A connectivity probe's answer; <see cref="Evidence"/> says what it tells about the API's health (nothing when it was held back).</summary>
[GenerateSerializer, Immutable]
[Alias("betting.ApiProbeResult")]
public sealed record ApiProbeResult(
    [property: Id(0)] string Api,
    [property: Id(1)] bool Reachable,
    [property: Id(2)] bool Healthy,
    [property: Id(3)] double LatencyMs,
    [property: Id(4)] string Detail,
    [property: Id(5)] ApiProbeEvidence Evidence = ApiProbeEvidence.None
);

/// <summary>What a probe saw of the API itself: none when our own governor held it back (paused, circuit open, refused, no key).</summary>
public enum ApiProbeEvidence
{
    None,
    Answered,
    HttpError,
    Connection,
    Timeout,
    Malformed,
}
