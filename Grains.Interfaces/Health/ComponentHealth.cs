namespace Orleans.Betting.Health;

/// <summary>One node of the connectivity graph: what it is, how it answered its probe, and what it depends on.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.ComponentHealth")]
public sealed record ComponentHealth(
    [property: Id(0)] string Name,
    [property: Id(1)] string Kind,
    [property: Id(2)] ComponentStatus Status,
    [property: Id(3)] double LatencyMs,
    [property: Id(4)] IReadOnlyList<string> DependsOn,
    [property: Id(5)] string? LastError,
    [property: Id(6)] string Description,
    [property: Id(7)] string ReportedBy,
    [property: Id(8)] DateTime CheckedUtc
);
