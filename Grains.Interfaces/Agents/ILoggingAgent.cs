namespace Orleans.Betting.Agents;

/// <summary>Logging: the audit trail of every agent's decisions, persisted and queryable.</summary>
public interface ILoggingAgent : IAgentGrain
{
    [Orleans.Concurrency.AlwaysInterleave]
    [ClientReadable]
    Task<IReadOnlyList<AuditEntry>> QueryAsync(string? agent = null, DecisionKind? kind = null, int limit = 200);
}
