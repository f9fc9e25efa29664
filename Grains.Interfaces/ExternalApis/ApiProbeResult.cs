namespace Orleans.Betting.ExternalApis;

[GenerateSerializer, Immutable]
public sealed record ApiProbeResult(
    [property: Id(0)] string Api,
    [property: Id(1)] bool Reachable,
    [property: Id(2)] bool Healthy,
    [property: Id(3)] double LatencyMs,
    [property: Id(4)] string Detail
);
