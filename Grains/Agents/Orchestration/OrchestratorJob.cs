using Microsoft.Extensions.Options;
using Orleans.Betting.Agents.Bus;
using Orleans.Betting.Clock;
using Orleans.Betting.Market;

namespace Orleans.Betting.Agents.Orchestration;

/// <summary>The options and grains every job of the Orchestrator's reads.</summary>
public sealed record OrchestratorSettings(
    IGrainFactory Grains,
    IOptions<OrchestratorOptions> Orchestrator,
    IOptions<MarketOptions> Market,
    IOptions<ClockOptions> Clock,
    IOptions<Market.Live.LiveOddsOptions> LiveOdds
);

/// <summary>
/// One job of the Orchestrator's (replaying a market, searching for strategies, paper trading, trading
/// live): a plain class in the agent's activation, working through the agent's hands, so every tool call,
/// decision and step is the agent's own.
/// </summary>
public abstract class OrchestratorJob(IAgentHands<OrchestratorMemory> hands, OrchestratorSettings settings)
{
    protected readonly IGrainFactory grains = settings.Grains;
    protected readonly IOptions<MarketOptions> marketOptions = settings.Market;
    protected readonly IOptions<ClockOptions> clockOptions = settings.Clock;
    protected readonly IOptions<Market.Live.LiveOddsOptions> liveOddsOptions = settings.LiveOdds;

    /// <summary>The agent's hands: its decision log (<c>Hands.Decide</c>) among them.</summary>
    protected IAgentHands<OrchestratorMemory> Hands => hands;

    protected OrchestratorMemory Memory => hands.Memory;

    protected OrchestratorOptions Settings => settings.Orchestrator.Value;

    protected TimeSpan Window => Settings.Window;

    protected DateTime UtcNow => hands.UtcNow;

    protected DateTime MarketUtcNow => hands.MarketUtcNow;

    protected MarketTime MarketClock => hands.MarketClock;

    protected IDataEngineeringAgent Data => grains.GetGrain<IDataEngineeringAgent>(AgentNames.DataEngineering);

    protected IStrategyAnalystAgent Analyst => grains.GetGrain<IStrategyAnalystAgent>(AgentNames.StrategyAnalyst);

    protected Task<T> UseToolAsync<T>(string tool, Func<Task<T>> call) => hands.UseToolAsync(tool, call);

    protected Task UseToolAsync(string tool, Func<Task> call) => hands.UseToolAsync(tool, call);

    protected Task<bool> RunStepAsync(string stepId, Func<Task<bool>> step) => hands.RunStepAsync(stepId, step);

    protected Task SaveAsync() => hands.SaveAsync();

    protected Task BroadcastAsync(string topic, BusBody body) => hands.BroadcastAsync(topic, body);
}
