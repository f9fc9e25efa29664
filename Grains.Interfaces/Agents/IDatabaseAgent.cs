namespace Orleans.Betting.Agents;

/// <summary>Database: storage health (a timed persisted write) and pruning of old price histories.</summary>
public interface IDatabaseAgent : IAgentGrain { }
