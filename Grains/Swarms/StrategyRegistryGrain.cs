using Orleans.Betting.Strategies;

namespace Orleans.Betting.Swarms;

public sealed class StrategyRegistryGrain(
    [PersistentState("registry", StorageNames.Betting)] IPersistentState<StrategyRegistryState> state,
    TimeProvider time
) : Grain, IStrategyRegistryGrain
{
    public async Task RegisterAsync(string strategyId, StrategySpec spec, string runId)
    {
        state.State.Deployed[strategyId] = new RegisteredStrategy(strategyId, spec.Family, spec, runId, time.GetUtcNow().UtcDateTime);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<RegisteredStrategy>> ListAsync() =>
        Task.FromResult<IReadOnlyList<RegisteredStrategy>>(state.State.Deployed.Values.OrderBy(s => s.AddedUtc).ToArray());

    public async Task RecordRunAsync(string runId, DateTime finishedUtc)
    {
        state.State.LatestRun = runId;
        state.State.LatestRunFinishedUtc = finishedUtc;
        await state.WriteStateAsync();
    }

    public Task<string?> LatestRunAsync() => Task.FromResult(state.State.LatestRun);

    public async Task RemoveAsync(string strategyId)
    {
        if (state.State.Deployed.Remove(strategyId))
        {
            await state.WriteStateAsync();
        }
    }
}

[GenerateSerializer]
[Alias("betting.StrategyRegistryState")]
public sealed class StrategyRegistryState
{
    [Id(0)]
    public Dictionary<string, RegisteredStrategy> Deployed { get; set; } = new(StringComparer.Ordinal);

    [Id(1)]
    public string? LatestRun { get; set; }

    [Id(2)]
    public DateTime? LatestRunFinishedUtc { get; set; }
}
