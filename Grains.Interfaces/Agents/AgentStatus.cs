namespace Orleans.Betting.Agents;

[GenerateSerializer, Immutable]
[Alias("betting.AgentStatus")]
public sealed record AgentStatus(
    [property: Id(0)] string Name,
    [property: Id(1)] AgentRole Role,
    [property: Id(2)] AgentState State,
    [property: Id(3)] string? StateReason,
    [property: Id(4)] long Ticks,
    [property: Id(5)] DateTime? LastTickUtc,
    [property: Id(6)] string? LastError,
    [property: Id(7)] string? CurrentStep,
    [property: Id(8)] IReadOnlyList<string> Tools,
    [property: Id(9)] IReadOnlyDictionary<string, string> Memory,
    [property: Id(10)] IReadOnlyList<AgentTransition> Transitions,
    [property: Id(11)] long RecordBytes = 0
);
