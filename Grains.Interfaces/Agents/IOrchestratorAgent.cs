namespace Orleans.Betting.Agents;

/// <summary>The Orchestrator: the cycle on the market clock (its work is driven by its own ticks).</summary>
public interface IOrchestratorAgent : IAgentGrain { }
