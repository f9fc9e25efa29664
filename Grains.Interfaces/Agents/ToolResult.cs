namespace Orleans.Betting.Agents;

/// <summary>What the agent did with a tool request: the tool's answer, or the refusal.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.ToolResult")]
public sealed record ToolResult([property: Id(0)] string Tool, [property: Id(1)] bool Allowed, [property: Id(2)] string Output);
