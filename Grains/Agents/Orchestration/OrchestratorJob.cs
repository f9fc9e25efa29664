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
    IOptions<Market.Live.LiveOddsOptions> LiveOdds,
    IOptions<ExternalApis.OddsApiOptions> OddsApi
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

    /// <summary>The odds API has no key: the live market cannot be polled (the reason to give, not a fault).</summary>
    protected bool OddsApiKeyMissing => string.IsNullOrWhiteSpace(settings.OddsApi.Value.ApiKey);

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

    /// <summary>
    /// Asks a specialist for a step's work on the bus (checked against the tool registry like a direct call) and
    /// reads its answer when it has come: <see cref="Asked{T}.Waiting"/> until then (the step returns not-done and
    /// its answer's arrival runs the next tick at once), then answered, or given up (timed out, dead-lettered, or
    /// answered with something else) with the reason. A given-up request is forgotten, so asking again sends anew.
    /// </summary>
    protected async Task<Asked<T>> AskAsync<T>(CycleWork work, string step, string tool, string to, Func<WorkRequest> request)
        where T : WorkAnswer
    {
        if (!work.Requests.TryGetValue(step, out var id))
        {
            id = await UseToolAsync(tool, () => hands.AskAsync(to, request(), hands.RequestDeadline));
            work.Requests[step] = id;
            await SaveAsync();
            return Asked<T>.Waiting;
        }

        switch (hands.AnswerTo(id))
        {
            case T answer:
                return new Asked<T>(answer, null);
            case null when hands.Awaiting(id):
                return Asked<T>.Waiting;
            case { } other:
                work.Requests.Remove(step);
                return new Asked<T>(null, $"{to} answered '{other.Summary}' instead");
            default:
                work.Requests.Remove(step);
                return new Asked<T>(null, $"{to} did not answer within {hands.RequestDeadline.TotalSeconds:0.#} s");
        }
    }
}

/// <summary>Where a question on the bus stands: waiting (both null), answered, or given up with the reason.</summary>
public sealed record Asked<T>(T? Answer, string? GaveUp)
    where T : WorkAnswer
{
    public static readonly Asked<T> Waiting = new(null, null);

    public bool IsWaiting => Answer is null && GaveUp is null;
}
