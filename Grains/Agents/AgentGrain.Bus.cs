using Orleans.Betting.Agents.Bus;

namespace Orleans.Betting.Agents;

// The bus as the agent speaks it: what it sends, what it answers (HandleAsync, routed on the body's type); the delivery is its AgentMailbox.
public abstract partial class AgentGrain<TMemory>
{
    private AgentMailbox<TMemory>? mailbox;

    /// <summary>The agent's end of the bus (made on first use: the agent's name is known once it is activated).</summary>
    private AgentMailbox<TMemory> Mailbox =>
        mailbox ??= new(
            record,
            Name,
            this.GetStreamProvider(AgentBus.Provider),
            this,
            Options,
            logger,
            DispatchAsync,
            () => OnTickAsync(CancellationToken.None)
        );

    /// <summary>The broadcast topics this agent listens to (besides its inbox).</summary>
    protected virtual IReadOnlyList<string> Topics => [];

    public Task<string> SendAsync(string to, BusBody body) => PostAsync(to, MessageKind.Event, body, null);

    public Task<string> RequestAsync(string to, BusBody body, TimeSpan deadline) =>
        PostAsync(to, MessageKind.Request, body, UtcNow + deadline);

    public Task<IReadOnlyList<MessageRecord>> GetMessagesAsync(int limit = 200) =>
        Task.FromResult<IReadOnlyList<MessageRecord>>(record.State.History.TakeLast(Security.ReadLimit.Clamp(limit)).ToList());

    public Task<int> OutboxCountAsync() => Task.FromResult(record.State.Outbox.Count);

    public Task<IReadOnlyList<BusFlow>> GetFlowsAsync() =>
        Task.FromResult<IReadOnlyList<BusFlow>>(
            record.State.Flows.Values.OrderBy(f => f.To, StringComparer.Ordinal).ThenBy(f => f.Kind, StringComparer.Ordinal).ToList()
        );

    /// <summary>
    /// Asks another agent for work (a request with a deadline, kept in the outbox until answered); the step that
    /// asked takes the answer with <see cref="AnswerTo"/> when it comes (the answer's arrival runs a tick at once).
    /// </summary>
    protected Task<string> AskAsync(string to, WorkRequest body, TimeSpan deadline) => RequestAsync(to, body, deadline);

    /// <summary>The answer to one of this agent's requests once it has come, else null.</summary>
    protected BusBody? AnswerTo(string requestId) => Mailbox.AnswerTo(requestId);

    /// <summary>True while a request is neither answered nor given up (timed out or dead-lettered).</summary>
    protected bool Awaiting(string requestId) => Mailbox.Awaiting(requestId);

    /// <summary>
    /// Answers a work request addressed to this agent with a typed body; null leaves the message to
    /// <see cref="HandleAsync"/>, whose text is the answer. A request it cannot serve throws <see cref="ArgumentException"/>.
    /// </summary>
    protected virtual Task<BusBody?> AnswerAsync(BusBody request, AgentMessage envelope) => Task.FromResult<BusBody?>(null);

    private async Task<BusBody> DispatchAsync(BusBody body, AgentMessage envelope) =>
        (envelope.Kind == MessageKind.Request ? await AnswerAsync(body, envelope) : null) ?? new Answer(await HandleAsync(body, envelope));

    /// <summary>
    /// Handles an event or request from another agent, routed on its body's type; a request's answer is
    /// the returned text. A body this agent cannot use (an alert without a key) throws
    /// <see cref="ArgumentException"/>: the message is dead-lettered.
    /// </summary>
    protected virtual Task<string> HandleAsync(BusBody body, AgentMessage envelope) =>
        Task.FromResult(
            body switch
            {
                Ping => $"pong from {Name}",
                StatusQuery => $"{Name} {record.State.State}, {record.State.Ticks} ticks",
                _ => "noted",
            }
        );

    /// <summary>Publishes an event to every subscriber of the topic (fire and forget: topics carry news, not work).</summary>
    protected Task BroadcastAsync(string topic, BusBody body) => Mailbox.BroadcastAsync(topic, body);

    /// <summary>Persists the message in the outbox, then publishes it; it is resent on ticks until acknowledged.</summary>
    protected Task<string> PostAsync(string to, MessageKind kind, BusBody body, DateTime? deadline) =>
        Mailbox.PostAsync(to, kind, body, deadline);

    /// <summary>
    /// The wait after the n-th failed or unanswered attempt: 2 s, then doubling, at most 5 min (a
    /// long-paused recipient or a refusing webhook costs a few attempts an hour).
    /// </summary>
    protected static TimeSpan RetryDelay(int attempts) => OutboxRetry.Delay(attempts);

    /// <summary>Raises an alert: a bus event to the Notification agent, kept in the outbox until it acknowledges.</summary>
    protected Task AlertAsync(Alert alert) => PostAsync(AgentNames.Notification, MessageKind.Event, new AlertRaised(alert), null);
}
