using Orleans.Betting.Agents.Bus;

namespace Orleans.Betting.Agents;

// The agent's hands, lent to the collaborators that do one job of its work (see IAgentHands).
public abstract partial class AgentGrain<TMemory> : IAgentHands<TMemory>
{
    TMemory IAgentHands<TMemory>.Memory => Memory;

    DateTime IAgentHands<TMemory>.UtcNow => UtcNow;

    DateTime IAgentHands<TMemory>.MarketUtcNow => MarketUtcNow;

    Clock.MarketTime IAgentHands<TMemory>.MarketClock => MarketClock;

    Task<T> IAgentHands<TMemory>.UseToolAsync<T>(string tool, Func<Task<T>> call) => UseToolAsync(tool, call);

    Task IAgentHands<TMemory>.UseToolAsync(string tool, Func<Task> call) => UseToolAsync(tool, call);

    void IAgentHands<TMemory>.Decide(
        int cycle,
        DecisionKind kind,
        string choice,
        IReadOnlyList<string> alternatives,
        IReadOnlyDictionary<string, string> inputs,
        IReadOnlyList<string> reasons
    ) => Decide(cycle, kind, choice, alternatives, inputs, reasons);

    Task<bool> IAgentHands<TMemory>.RunStepAsync(string stepId, Func<Task<bool>> step) => RunStepAsync(stepId, step);

    Task IAgentHands<TMemory>.SaveAsync() => SaveAsync();

    Task IAgentHands<TMemory>.BroadcastAsync(string topic, BusBody body) => BroadcastAsync(topic, body);

    Task IAgentHands<TMemory>.AlertAsync(Alert alert) => AlertAsync(alert);

    Task<string> IAgentHands<TMemory>.AskAsync(string to, WorkRequest body, TimeSpan deadline) => AskAsync(to, body, deadline);

    BusBody? IAgentHands<TMemory>.AnswerTo(string requestId) => AnswerTo(requestId);

    bool IAgentHands<TMemory>.Awaiting(string requestId) => Awaiting(requestId);

    TimeSpan IAgentHands<TMemory>.RequestDeadline => TimeSpan.FromSeconds(Options.RequestDeadlineSeconds);
}
