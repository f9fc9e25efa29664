namespace Orleans.Betting.Agents;

/// <summary>A message not yet acknowledged, and when it was last sent.</summary>
[GenerateSerializer, Immutable]
public sealed record OutboxEntry([property: Id(0)] AgentMessage Message, [property: Id(1)] DateTime LastSentUtc);
