namespace Orleans.Betting.Agents;

/// <summary>What happened to a message, as the agent's history keeps it.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.MessageRecord")]
public sealed record MessageRecord(
    [property: Id(0)] AgentMessage Message,
    [property: Id(1)] string Direction,
    [property: Id(2)] string Status,
    [property: Id(3)] DateTime AtUtc
);
