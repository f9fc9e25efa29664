namespace Orleans.Betting.Agents;

/// <summary>An agent was asked for work while not Running.</summary>
[GenerateSerializer]
[Alias("betting.AgentUnavailableException")]
public sealed class AgentUnavailableException : Exception
{
    public AgentUnavailableException(string agent, AgentState state)
        : base($"agent {agent} is {state}, not Running")
    {
        Agent = agent;
    }

    [Id(0)]
    public string Agent { get; }
}
