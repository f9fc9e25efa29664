using Orleans.Betting.Market;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Agents;

/// <summary>
/// StrategyAnalyst: runs swarms (generation + validation) asked of it on the bus (<c>SearchRequest</c>), reports on them,
/// re-validates deployed strategies and backtests for the orchestrator.
/// </summary>
public interface IStrategyAnalystAgent : IAgentGrain
{
    [ClientReadable]
    Task<SwarmRunStatus> SwarmStatusAsync(string runId);

    /// <summary>
    /// The strategy's returns per unit staked on the seasons, keyed by what was bet (<c>match id|market|outcome|line</c>),
    /// so two strategies are compared bet for bet (for redundancy checks). An operator method, not a
    /// read: it runs a backtest for whatever strategy and seasons it is given.
    /// </summary>
    Task<IReadOnlyDictionary<BetKey, double>> ReturnsAsync(string strategyId, string league, IReadOnlyList<string> seasons);

    /// <summary>Deployed strategies whose re-validation on fresh data failed, with the reason (read by the orchestrator's retirement step).</summary>
    [ClientReadable]
    Task<IReadOnlyDictionary<string, string>> RevalidationFailuresAsync();
}
