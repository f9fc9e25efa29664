namespace Orleans.Betting.Health;

/// <summary>An agent's lifecycle state at the sample.</summary>
public sealed record AgentSample(string Name, Agents.AgentState State, string? Reason);
