namespace Orleans.Betting.Drills;

/// <summary>What a drill breaks: the simulated API, or an agent whose every tick then throws.</summary>
public enum FaultTarget : byte
{
    Api,
    Agent,
}

/// <summary>
/// Fault injection into the built-in odds simulator (Embedded profile only): <see cref="Name"/> is the API
/// (only <c>odds</c> is simulated) or the agent; <see cref="Kind"/> is the simulator's fault (agents take none).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.FaultRequest")]
public sealed record FaultRequest(
    [property: Id(0)] FaultTarget Target,
    [property: Id(1)] string Name,
    [property: Id(2)] FaultKind Kind,
    [property: Id(3)] double Seconds,
    [property: Id(4)] double? LatencyMs = null
);
