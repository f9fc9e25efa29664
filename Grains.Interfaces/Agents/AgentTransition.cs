namespace Orleans.Betting.Agents;

/// <summary>A state change with its reason, kept in the agent's memory.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.AgentTransition")]
public sealed record AgentTransition(
    [property: Id(0)] AgentState From,
    [property: Id(1)] AgentState To,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTime AtUtc
);
