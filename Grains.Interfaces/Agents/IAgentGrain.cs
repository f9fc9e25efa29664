using Orleans.Concurrency;

namespace Orleans.Betting.Agents;

/// <summary>Every agent: a persistent grain with a lifecycle, memory, a decision log and a tool registry (key: the agent's name).</summary>
public interface IAgentGrain : IAgentBusEndpoint
{
    Task<AgentStatus> StartAsync(string reason);

    Task<AgentStatus> PauseAsync(string reason);

    Task<AgentStatus> ResumeAsync(string reason);

    [AlwaysInterleave]
    [ClientReadable]
    Task<AgentStatus> GetStatusAsync();

    /// <summary>The newest decisions, oldest first (from the journal's pages and those not yet flushed).</summary>
    [AlwaysInterleave]
    [ClientReadable]
    Task<IReadOnlyList<AgentDecision>> GetDecisionsAsync(int limit = 200);

    /// <summary>The decisions numbered after the cursor, oldest first: a reader keeps the last number it saw.</summary>
    [AlwaysInterleave]
    [ClientReadable]
    Task<IReadOnlyList<AuditEntry>> GetDecisionsSinceAsync(long afterSequence, int limit = 500);

    /// <summary>Asks the agent to use a named tool of the catalogue; refused (and logged) unless the tool is in its registry.</summary>
    Task<ToolResult> InvokeToolAsync(string tool);

    /// <summary>Chaos: every tick throws for the duration (fault-injection drills of the health monitor).</summary>
    Task InjectFaultAsync(TimeSpan duration, string reason);
}
