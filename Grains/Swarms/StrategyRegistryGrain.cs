namespace Orleans.Betting.Swarms;

public sealed class StrategyRegistryGrain(
    [PersistentState("registry", StorageNames.Betting)] IPersistentState<StrategyRegistryState> state) : Grain, IStrategyRegistryGrain
{
    public async Task RegisterAsync(string strategyId, string family, string spec, string runId)
    {
        state.State.Deployed[strategyId] = new RegisteredStrategy(strategyId, family, spec, runId, DateTime.UtcNow);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<RegisteredStrategy>> ListAsync() =>
        Task.FromResult<IReadOnlyList<RegisteredStrategy>>(state.State.Deployed.Values.OrderBy(s => s.AddedUtc).ToArray());

    public async Task RemoveAsync(string strategyId)
    {
        if (state.State.Deployed.Remove(strategyId))
        {
            await state.WriteStateAsync();
        }
    }
}

[GenerateSerializer]
public sealed class StrategyRegistryState
{
    [Id(0)] public Dictionary<string, RegisteredStrategy> Deployed { get; set; } = new(StringComparer.Ordinal);
}
