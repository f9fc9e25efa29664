namespace Orleans.Betting.Agents;

/// <summary>Finds an agent's grain by name (each agent kind has its own interface).</summary>
public static class AgentDirectory
{
    public static IAgentGrain Agent(this IGrainFactory grains, string name) =>
        name switch
        {
            AgentNames.Orchestrator => grains.GetGrain<IOrchestratorAgent>(name),
            AgentNames.DataEngineering => grains.GetGrain<IDataEngineeringAgent>(name),
            AgentNames.StrategyAnalyst => grains.GetGrain<IStrategyAnalystAgent>(name),
            AgentNames.RiskManagement => grains.GetGrain<IRiskManagementAgent>(name),
            AgentNames.PerformanceAnalyst => grains.GetGrain<IPerformanceAnalystAgent>(name),
            AgentNames.MarketIntelligence => grains.GetGrain<IMarketIntelligenceAgent>(name),
            AgentNames.ApiManager => grains.GetGrain<IApiManagerAgent>(name),
            AgentNames.Database => grains.GetGrain<IDatabaseAgent>(name),
            AgentNames.Notification => grains.GetGrain<INotificationAgent>(name),
            AgentNames.Logging => grains.GetGrain<ILoggingAgent>(name),
            AgentNames.SelfHealing => grains.GetGrain<ISelfHealingAgent>(name),
            _ => throw new ArgumentException($"no agent '{name}': the agents are {string.Join(", ", AgentNames.All.Select(a => a.Name))}"),
        };
}
