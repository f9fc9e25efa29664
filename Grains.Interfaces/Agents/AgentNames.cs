namespace Orleans.Betting.Agents;

/// <summary>The agents, by grain key.</summary>
public static class AgentNames
{
    public const string Orchestrator = "orchestrator";
    public const string DataEngineering = "data-engineering";
    public const string StrategyAnalyst = "strategy-analyst";
    public const string RiskManagement = "risk-management";
    public const string PerformanceAnalyst = "performance-analyst";
    public const string MarketIntelligence = "market-intelligence";
    public const string ApiManager = "api-manager";
    public const string Database = "database";
    public const string Notification = "notification";
    public const string Logging = "logging";
    public const string SelfHealing = "self-healing";

    public static IReadOnlyList<(string Name, AgentRole Role)> All { get; } =
    [
        (Orchestrator, AgentRole.Orchestrator),
        (DataEngineering, AgentRole.Specialist),
        (StrategyAnalyst, AgentRole.Specialist),
        (RiskManagement, AgentRole.Specialist),
        (PerformanceAnalyst, AgentRole.Specialist),
        (MarketIntelligence, AgentRole.Specialist),
        (ApiManager, AgentRole.Worker),
        (Database, AgentRole.Worker),
        (Notification, AgentRole.Worker),
        (Logging, AgentRole.Worker),
        (SelfHealing, AgentRole.Worker),
    ];
}
