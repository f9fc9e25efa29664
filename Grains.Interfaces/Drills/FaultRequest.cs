namespace Orleans.Betting.Drills;

/// <summary>Fault injection into the built-in odds simulator (Embedded profile only).</summary>
[GenerateSerializer, Immutable]
[Alias("betting.FaultRequest")]
public sealed record FaultRequest(
    [property: Id(0)] string Api,
    [property: Id(1)] string Kind,
    [property: Id(2)] double Seconds,
    [property: Id(3)] double? LatencyMs = null
)
{
    /// <summary>The faults the odds simulator can inject.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["http500", "latency", "malformed", "reset", "rate-limit"];
}
