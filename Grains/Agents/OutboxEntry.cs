namespace Orleans.Betting.Agents;

/// <summary>A message not yet acknowledged, when it was last sent, and how many times.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.OutboxEntry")]
public sealed record OutboxEntry(
    [property: Id(0)] AgentMessage Message,
    [property: Id(1)] DateTime LastSentUtc,
    [property: Id(2)] int Sends = 1
);
