using Orleans.Concurrency;

namespace Orleans.Betting.Agents;

/// <summary>Every agent: a persistent grain with a lifecycle, memory, a decision log and a tool registry (key: the agent's name).</summary>
public interface IAgentGrain : IAgentBusEndpoint
{
    Task<AgentStatus> StartAsync(string reason);

    Task<AgentStatus> PauseAsync(string reason);

    Task<AgentStatus> ResumeAsync(string reason);

    [AlwaysInterleave]
    Task<AgentStatus> GetStatusAsync();

    [AlwaysInterleave]
    Task<IReadOnlyList<AgentDecision>> GetDecisionsAsync(int limit = 200);

    /// <summary>Asks the agent to use a named tool of the catalogue; refused (and logged) unless the tool is in its registry.</summary>
    Task<ToolResult> InvokeToolAsync(string tool);

    /// <summary>Chaos: every tick throws for the duration (fault-injection drills of the health monitor).</summary>
    Task InjectFaultAsync(TimeSpan duration, string reason);
}
