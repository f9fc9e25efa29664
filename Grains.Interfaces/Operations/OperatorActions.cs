using Orleans.Betting.Agents;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Operations;

/// <summary>
/// The operator's actions, done the same way from the client and the console. Each throws
/// <see cref="ArgumentException"/> naming what was wrong (an unknown id, a decided item) and
/// <see cref="InvalidOperationException"/> for a move the lifecycle does not allow.
/// </summary>
public static class OperatorActions
{
    public static Task<ApprovalItem> DecideAsync(IGrainFactory grains, string subject, bool approve, string by) =>
        grains.GetGrain<IApprovalQueueGrain>(IApprovalQueueGrain.Key).DecideAsync(subject, approve, by);

    public static async Task<StrategyInfo> RetireAsync(IGrainFactory grains, string strategyId, string reason)
    {
        var strategy = await KnownAsync(grains, strategyId);
        var info = await strategy.TransitionAsync(StrategyLifecycle.Retired, reason);
        await grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).RemoveAsync(strategyId);
        return info;
    }

    public static async Task<StrategyInfo> PauseStrategyAsync(IGrainFactory grains, string strategyId, bool pause, string reason)
    {
        var strategy = await KnownAsync(grains, strategyId);
        return pause ? await strategy.PauseAsync(reason) : await strategy.UnpauseAsync(reason);
    }

    public static Task<AgentStatus> PauseAgentAsync(IGrainFactory grains, string agent, bool pause, string reason)
    {
        if (!AgentNames.All.Any(a => string.Equals(a.Name, agent, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"no agent '{agent}' (one of {string.Join(", ", AgentNames.All.Select(a => a.Name))})");
        }

        var grain = grains.Agent(agent);
        return pause ? grain.PauseAsync(reason) : grain.ResumeAsync(reason);
    }

    private static async Task<IStrategyGrain> KnownAsync(IGrainFactory grains, string strategyId)
    {
        var strategy = grains.GetGrain<IStrategyGrain>(strategyId);
        return (await strategy.GetAsync()).Spec is null ? throw new ArgumentException($"no strategy '{strategyId}'") : strategy;
    }
}
