namespace Orleans.Betting.Health;

/// <summary>An agent's lifecycle state at the sample, and the size of its record as last written.</summary>
public sealed record AgentSample(string Name, Agents.AgentState State, string? Reason, long RecordBytes = 0);
