using Orleans.Betting.Agents.Bus;

namespace Orleans.Betting.Agents;

/// <summary>
/// What an agent lends the collaborators that do one job of its work: its memory, its tools (every call
/// checked against its registry), its decision log, its steps (each run once per id), its clocks and
/// its voice on the bus. The agent stays the one grain; they are plain classes living in its activation.
/// </summary>
public interface IAgentHands<out TMemory>
{
    TMemory Memory { get; }

    DateTime UtcNow { get; }

    DateTime MarketUtcNow { get; }

    Clock.MarketTime MarketClock { get; }

    Task<T> UseToolAsync<T>(string tool, Func<Task<T>> call);

    Task UseToolAsync(string tool, Func<Task> call);

    void Decide(
        int cycle,
        DecisionKind kind,
        string choice,
        IReadOnlyList<string> alternatives,
        IReadOnlyDictionary<string, string> inputs,
        IReadOnlyList<string> reasons
    );

    Task<bool> RunStepAsync(string stepId, Func<Task<bool>> step);

    Task SaveAsync();

    Task BroadcastAsync(string topic, BusBody body);

    /// <summary>A notification for people, through the Notification agent (the webhook; the log without one).</summary>
    Task AlertAsync(Alert alert);

    /// <summary>Asks another agent for work on the bus; returns the request's id (the answer's arrival runs a tick at once).</summary>
    Task<string> AskAsync(string to, WorkRequest body, TimeSpan deadline);

    /// <summary>The answer to a request once it has come, else null.</summary>
    BusBody? AnswerTo(string requestId);

    /// <summary>True while a request is neither answered nor given up.</summary>
    bool Awaiting(string requestId);

    /// <summary>How long an agent waits for a work request's answer (<c>Betting:Agents:RequestDeadlineSeconds</c>).</summary>
    TimeSpan RequestDeadline { get; }
}
