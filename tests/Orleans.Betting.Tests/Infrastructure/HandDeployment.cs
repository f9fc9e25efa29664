using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>A strategy deployed by hand, as an operator might: defined, validated and deployed, and registered under the run named as its validation.</summary>
public static class HandDeployment
{
    public static async Task<IStrategyGrain> DeployAsync(IGrainFactory grains, StrategySpec spec, string runId)
    {
        var strategy = grains.GetGrain<IStrategyGrain>(spec.Id);
        await strategy.DefineAsync(spec);
        await strategy.TransitionAsync(StrategyLifecycle.Validated, "test: validated by hand");
        await strategy.TransitionAsync(StrategyLifecycle.Deployed, "test: deployed by hand");
        await grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).RegisterAsync(spec.Id, spec, runId);
        return strategy;
    }
}
