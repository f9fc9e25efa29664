using Orleans.Betting.Strategies;

namespace Orleans.Betting.Swarms;

/// <summary>Deployed strategies, cluster-wide (key "registry").</summary>
public interface IStrategyRegistryGrain : IGrainWithStringKey
{
    const string Key = "registry";

    Task RegisterAsync(string strategyId, StrategySpec spec, string runId);

    [ClientReadable]
    Task<IReadOnlyList<RegisteredStrategy>> ListAsync();

    Task RemoveAsync(string strategyId);

    /// <summary>Remembers a finished run, so <c>picks</c> can default to the latest one.</summary>
    Task RecordRunAsync(string runId, DateTime finishedUtc);

    [ClientReadable]
    Task<string?> LatestRunAsync();
}
