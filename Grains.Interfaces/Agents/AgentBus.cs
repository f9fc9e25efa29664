namespace Orleans.Betting.Agents;

/// <summary>The agents' message bus: Orleans streams on the "bus" provider, one inbox stream per agent and broadcast topics.</summary>
public static class AgentBus
{
    public const string Provider = "bus";
    public const string InboxNamespace = "agent-inbox";
    public const string TopicNamespace = "agent-topic";

    /// <summary>The Orchestrator's news: one event per finished cycle (subject "cycle-completed").</summary>
    public const string CycleTopic = "cycles";

    /// <summary>The PerformanceAnalyst's news: what the ledger says as bets settle (subject "insights").</summary>
    public const string InsightsTopic = "insights";
}
