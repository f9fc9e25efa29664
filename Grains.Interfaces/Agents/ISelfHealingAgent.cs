namespace Orleans.Betting.Agents;

/// <summary>SelfHealing: restarts faulted agents with a cooldown, escalates to a human after repeated failures.</summary>
public interface ISelfHealingAgent : IAgentGrain { }
