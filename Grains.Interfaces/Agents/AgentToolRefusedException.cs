namespace Orleans.Betting.Agents;

/// <summary>A tool outside the agent's registry was asked for; refused and logged.</summary>
[GenerateSerializer]
[Alias("betting.AgentToolRefusedException")]
public sealed class AgentToolRefusedException : Exception
{
    public AgentToolRefusedException(string agent, string tool, IReadOnlyList<string> allowed)
        : base($"agent {agent} may not use tool '{tool}' (its tools: {string.Join(", ", allowed)})")
    {
        Agent = agent;
        Tool = tool;
    }

    [Id(0)]
    public string Agent { get; }

    [Id(1)]
    public string Tool { get; }
}
