using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Orleans.Betting.Agents;

/// <summary>
/// The foundation of every agent: a persistent grain with a lifecycle (transitions with reasons),
/// memory (its own state plus a bounded decision log), a registry of tools — the grain calls it may
/// make; anything else is refused and logged — and idempotent steps: a step id once completed is
/// never run again, so a resumed cycle does not repeat a step's side effects. A grain timer drives
/// ticks while Running; a reminder brings the agent back after deactivation, a restart or a crash.
/// </summary>
public abstract class AgentGrain<TMemory>(
    IPersistentState<AgentRecord<TMemory>> record,
    AgentContext context,
    ILogger logger) : Grain, IAgentGrain, IRemindable
    where TMemory : class, new()
{
    private const string KeepAlive = "agent-keepalive";
    private const int MaxDecisions = 2000;
    private const int MaxCompletedSteps = 5000;
    private const int MaxTransitions = 100;
    private IGrainTimer? timer;

    protected abstract AgentRole Role { get; }

    /// <summary>The tools this agent may use: grain calls by name (see <see cref="ToolCatalog"/> for those anyone may ask for).</summary>
    protected abstract IReadOnlyList<string> Tools { get; }

    protected TMemory Memory => record.State.Memory;

    protected string Name => this.GetPrimaryKeyString();

    protected AgentState State => record.State.State;

    /// <summary>The agents' options (bound and validated at start).</summary>
    protected AgentOptions Options => context.Options;

    /// <summary>Now, on the silo's one clock.</summary>
    protected DateTime UtcNow => context.Time.GetUtcNow().UtcDateTime;

    protected TimeProvider Time => context.Time;

    /// <summary>One unit of work while Running; exceptions count towards Faulted.</summary>
    protected abstract Task TickAsync(CancellationToken cancellationToken);

    /// <summary>A few lines of memory for the status (what the client shows).</summary>
    protected virtual IReadOnlyDictionary<string, string> DescribeMemory() => new Dictionary<string, string>();

    /// <summary>How often this kind of agent needs to look (Betting:Agents:{name}:TickSeconds, else Betting:Agents:TickSeconds when set, else this).</summary>
    protected virtual double DefaultTickSeconds => 1.0;

    private TimeSpan TickPeriod => Options.TickPeriod(Name, DefaultTickSeconds);

    private int FaultAfter => Options.FaultAfterFailures;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The inbox subscription is persisted by the stream provider: resume it, or make it once.
        foreach (var stream in Topics.Select(Topic).Prepend(Inbox(Name)))
        {
            await stream.SubscribeOrResumeAsync(OnMessageAsync);
        }

        if (record.State.State == AgentState.Running)
        {
            StartTimer();
        }
    }

    // ── the bus ──────────────────────────────────────────────────────────────────────────────

    private const int MaxHistory = 500;

    /// <summary>The broadcast topics this agent listens to (besides its inbox).</summary>
    protected virtual IReadOnlyList<string> Topics => [];

    public Task<string> SendAsync(string to, string subject, string body) => PostAsync(to, MessageKind.Event, subject, body, null);

    /// <summary>Publishes an event to every subscriber of the topic (fire and forget: topics carry news, not work).</summary>
    protected async Task BroadcastAsync(string topic, string subject, string body)
    {
        var message = new AgentMessage(Guid.NewGuid().ToString("N"), Name, "#" + topic, MessageKind.Event, subject, body, null, UtcNow, null);
        Remember(message, "out", "broadcast");
        try
        {
            await Topic(topic).OnNextAsync(message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "{Agent} could not broadcast {Subject} on {Topic}", Name, subject, topic);
        }
    }

    public Task<string> RequestAsync(string to, string subject, string body, TimeSpan deadline) =>
        PostAsync(to, MessageKind.Request, subject, body, UtcNow + deadline);

    public Task<IReadOnlyList<MessageRecord>> GetMessagesAsync(int limit = 200) =>
        Task.FromResult<IReadOnlyList<MessageRecord>>(record.State.History.TakeLast(Math.Max(1, limit)).ToList());

    public Task<int> OutboxCountAsync() => Task.FromResult(record.State.Outbox.Count);

    /// <summary>Handles an event or request from another agent; a request's answer is the returned text.</summary>
    protected virtual Task<string> HandleMessageAsync(AgentMessage message) => Task.FromResult(message.Subject switch
    {
        "ping" => $"pong from {Name}",
        "status" => $"{Name} {record.State.State}, {record.State.Ticks} ticks",
        _ => "noted",
    });

    /// <summary>Raises an alert: a bus event to the Notification agent, kept in the outbox until it acknowledges.</summary>
    protected Task AlertAsync(Alert alert) => PostAsync(AgentNames.Notification, MessageKind.Event, "alert", System.Text.Json.JsonSerializer.Serialize(alert), null);

    /// <summary>Persists the message in the outbox, then publishes it; it is resent on ticks until acknowledged.</summary>
    protected async Task<string> PostAsync(string to, MessageKind kind, string subject, string body, DateTime? deadline)
    {
        var message = new AgentMessage(Guid.NewGuid().ToString("N"), Name, to, kind, subject, body, null, UtcNow, deadline);
        record.State.Outbox.Add(new OutboxEntry(message, UtcNow));
        Remember(message, "out", "sent");
        await record.WriteStateAsync();
        await PublishAsync(message);
        return message.Id;
    }

    private IAsyncStream<AgentMessage> Topic(string topic) =>
        this.GetStreamProvider(AgentBus.Provider).GetStream<AgentMessage>(StreamId.Create(AgentBus.TopicNamespace, topic));

    private IAsyncStream<AgentMessage> Inbox(string agent) =>
        this.GetStreamProvider(AgentBus.Provider).GetStream<AgentMessage>(StreamId.Create(AgentBus.InboxNamespace, agent));

    private async Task PublishAsync(AgentMessage message)
    {
        try
        {
            await Inbox(message.To).OnNextAsync(message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Kept in the outbox: the next tick sends it again.
            logger.LogWarning(e, "{Agent} could not publish message {Id} to {To}", Name, message.Id, message.To);
        }
    }

    private async Task OnMessageAsync(AgentMessage message, StreamSequenceToken? token)
    {
        var s = record.State;
        if (message.To.StartsWith('#'))
        {
            // A topic's news: kept in the history and handled; nobody waits for an acknowledgement.
            Remember(message, "in", "received");
            await HandleMessageAsync(message);
            await record.WriteStateAsync();
            return;
        }

        switch (message.Kind)
        {
            case MessageKind.Ack:
                if (s.Outbox.RemoveAll(o => o.Message.Id == message.CorrelationId) > 0)
                {
                    MarkHistory(message.CorrelationId!, "acked");
                    await record.WriteStateAsync();
                }

                return;
            case MessageKind.Response:
                Remember(message, "in", "answer");
                MarkHistory(message.CorrelationId!, "answered");
                s.Outbox.RemoveAll(o => o.Message.Id == message.CorrelationId);
                await record.WriteStateAsync();
                await Inbox(message.From).OnNextAsync(Reply(message, MessageKind.Ack, ""));
                return;
        }

        if (s.Processed.Contains(message.Id))
        {
            await Inbox(message.From).OnNextAsync(Reply(message, MessageKind.Ack, "")); // a resend: acknowledge again
            return;
        }

        if (s.State != AgentState.Running)
        {
            return; // not acknowledged: the sender keeps it and sends it again later
        }

        Remember(message, "in", "received");
        var answer = await HandleMessageAsync(message);
        s.Processed.Add(message.Id);
        s.ProcessedOrder.Enqueue(message.Id);
        while (s.ProcessedOrder.Count > MaxHistory * 4)
        {
            s.Processed.Remove(s.ProcessedOrder.Dequeue());
        }

        await record.WriteStateAsync();
        if (message.Kind == MessageKind.Request)
        {
            await Inbox(message.From).OnNextAsync(Reply(message, MessageKind.Response, answer));
        }
        else
        {
            await Inbox(message.From).OnNextAsync(Reply(message, MessageKind.Ack, ""));
        }
    }

    private AgentMessage Reply(AgentMessage to, MessageKind kind, string body) =>
        new(Guid.NewGuid().ToString("N"), Name, to.From, kind, to.Subject, body, to.Id, UtcNow, null);

    /// <summary>On each tick: resend what is unacknowledged, and give up on requests past their deadline (recorded as timed out).</summary>
    private async Task ServiceOutboxAsync()
    {
        var s = record.State;
        var now = UtcNow;
        var changed = false;
        foreach (var entry in s.Outbox.ToList())
        {
            if (entry.Message.DeadlineUtc is { } deadline && now > deadline)
            {
                s.Outbox.Remove(entry);
                MarkHistory(entry.Message.Id, "timed out");
                Decide(0, "timeout", $"{entry.Message.Subject} to {entry.Message.To}", ["wait", "give up"],
                    new Dictionary<string, string> { ["message"] = entry.Message.Id }, [$"no answer by the deadline {deadline:u}: {Name} carries on without it"]);
                changed = true;
            }
            else if (now - entry.LastSentUtc > TimeSpan.FromSeconds(2))
            {
                s.Outbox[s.Outbox.IndexOf(entry)] = entry with { LastSentUtc = now };
                await PublishAsync(entry.Message);
                changed = true;
            }
        }

        if (changed)
        {
            await record.WriteStateAsync();
        }
    }

    private void Remember(AgentMessage message, string direction, string status)
    {
        record.State.History.Add(new MessageRecord(message, direction, status, UtcNow));
        if (record.State.History.Count > MaxHistory)
        {
            record.State.History.RemoveRange(0, record.State.History.Count - MaxHistory);
        }
    }

    private void MarkHistory(string messageId, string status)
    {
        var index = record.State.History.FindLastIndex(h => h.Message.Id == messageId && h.Direction == "out");
        if (index >= 0)
        {
            record.State.History[index] = record.State.History[index] with { Status = status, AtUtc = UtcNow };
        }
    }

    public async Task<AgentStatus> StartAsync(string reason)
    {
        if (record.State.State is AgentState.Idle or AgentState.Faulted or AgentState.Paused)
        {
            Transition(AgentState.Running, reason);
            record.State.ConsecutiveFailures = 0;
            await record.WriteStateAsync();
        }

        StartTimer();
        // Orleans' one-minute minimum period stays; the first wake-up comes sooner.
        var period = TimeSpan.FromSeconds(Math.Max(1, Options.KeepAliveSeconds));
        await this.RegisterOrUpdateReminder(KeepAlive, TimeSpan.FromSeconds(5), period);
        return Status();
    }

    public async Task<AgentStatus> PauseAsync(string reason)
    {
        if (record.State.State == AgentState.Running)
        {
            Transition(AgentState.Paused, reason);
            await record.WriteStateAsync();
        }

        timer?.Dispose();
        timer = null;
        return Status();
    }

    public async Task<AgentStatus> ResumeAsync(string reason)
    {
        if (record.State.State is AgentState.Paused or AgentState.Faulted)
        {
            Transition(AgentState.Running, reason);
            record.State.ConsecutiveFailures = 0;
            await record.WriteStateAsync();
            StartTimer();
        }

        return Status();
    }

    public Task<AgentStatus> GetStatusAsync() => Task.FromResult(Status());

    public Task InjectFaultAsync(TimeSpan duration, string reason)
    {
        injectedFault = (UtcNow + duration, reason);
        logger.LogWarning("{Agent}: fault injected for {Seconds} s: {Reason}", Name, duration.TotalSeconds, reason);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AgentDecision>> GetDecisionsAsync(int limit = 200) =>
        Task.FromResult<IReadOnlyList<AgentDecision>>(record.State.Decisions.TakeLast(Math.Max(1, limit)).ToList());

    public async Task<ToolResult> InvokeToolAsync(string tool)
    {
        if (!Tools.Contains(tool, StringComparer.Ordinal) || !ToolCatalog.TryGet(tool, out var run))
        {
            await RefuseAsync(tool);
            return new ToolResult(tool, false, new AgentToolRefusedException(Name, tool, Tools).Message);
        }

        return new ToolResult(tool, true, await run(GrainFactory));
    }

    /// <summary>The reminder only wakes the grain: activation restarts the timer of a Running agent.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    /// <summary>Every outbound call of an agent goes through here: outside its registry it is refused and logged.</summary>
    protected async Task<T> UseToolAsync<T>(string tool, Func<Task<T>> call)
    {
        if (!Tools.Contains(tool, StringComparer.Ordinal))
        {
            await RefuseAsync(tool);
            throw new AgentToolRefusedException(Name, tool, Tools);
        }

        return await call();
    }

    protected async Task UseToolAsync(string tool, Func<Task> call) => await UseToolAsync(tool, async () =>
    {
        await call();
        return true;
    });

    /// <summary>
    /// Runs a step until it reports done, then never again: a completed step id is skipped, so a
    /// resumed cycle does not repeat a step's side effects. A step that is not done yet (waiting
    /// for a swarm, say) returns false and is tried again on the next tick. True when done.
    /// </summary>
    protected async Task<bool> RunStepAsync(string stepId, Func<Task<bool>> step)
    {
        if (record.State.CompletedSteps.Contains(stepId))
        {
            return true;
        }

        record.State.CurrentStep = stepId;
        if (!await step())
        {
            return false;
        }

        record.State.CompletedSteps.Add(stepId);
        record.State.CompletedOrder.Enqueue(stepId);
        while (record.State.CompletedOrder.Count > MaxCompletedSteps)
        {
            record.State.CompletedSteps.Remove(record.State.CompletedOrder.Dequeue());
        }

        record.State.CurrentStep = null;
        await record.WriteStateAsync();
        return true;
    }

    /// <summary>Specialists serve requests only while Running: a paused agent's work waits.</summary>
    protected void EnsureRunning()
    {
        if (record.State.State != AgentState.Running)
        {
            throw new AgentUnavailableException(Name, record.State.State);
        }
    }

    protected bool StepDone(string stepId) => record.State.CompletedSteps.Contains(stepId);

    protected void Decide(int cycle, string kind, string choice, IReadOnlyList<string> alternatives, IReadOnlyDictionary<string, string> inputs, IReadOnlyList<string> reasons)
    {
        record.State.Decisions.Add(new AgentDecision(Name, cycle, kind, choice, alternatives, inputs, reasons, UtcNow));
        if (record.State.Decisions.Count > MaxDecisions)
        {
            record.State.Decisions.RemoveRange(0, record.State.Decisions.Count - MaxDecisions);
        }

        logger.LogInformation("{Agent} cycle {Cycle} {Kind}: {Choice} ({Reasons})", Name, cycle, kind, choice, string.Join("; ", reasons));
    }

    protected IReadOnlyList<AgentDecision> Decisions => record.State.Decisions;

    protected Task SaveAsync() => record.WriteStateAsync();

    private async Task RefuseAsync(string tool)
    {
        Decide(0, "refused", tool, Tools, new Dictionary<string, string> { ["tool"] = tool }, [$"'{tool}' is not in {Name}'s tool registry"]);
        logger.LogWarning("{Agent} refused tool {Tool}: not in its registry", Name, tool);
        await record.WriteStateAsync();
    }

    private void Transition(AgentState to, string reason)
    {
        var s = record.State;
        s.Transitions.Add(new AgentTransition(s.State, to, reason, UtcNow));
        if (s.Transitions.Count > MaxTransitions)
        {
            s.Transitions.RemoveAt(0);
        }

        s.State = to;
        s.StateReason = reason;
    }

    private (DateTime Until, string Reason)? injectedFault;

    private void StartTimer()
    {
        timer?.Dispose();
        timer = this.RegisterGrainTimer(OnTickAsync, TimeSpan.FromMilliseconds(200), TickPeriod);
    }

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        var s = record.State;
        if (s.State != AgentState.Running)
        {
            return;
        }

        await ServiceOutboxAsync();
        try
        {
            if (injectedFault is { } chaos && UtcNow < chaos.Until)
            {
                throw new InvalidOperationException($"injected fault until {chaos.Until:HH:mm:ss}: {chaos.Reason}");
            }

            await TickAsync(cancellationToken);
            Monitoring.BettingMetrics.AgentTicks.Add(1, new KeyValuePair<string, object?>("agent", Name), new KeyValuePair<string, object?>("result", "ok"));
            s.Ticks++;
            s.LastTickUtc = UtcNow;
            s.ConsecutiveFailures = 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            s.Ticks++;
            s.LastTickUtc = UtcNow;
            s.LastError = $"{e.GetType().Name}: {e.Message}";
            s.ConsecutiveFailures++;
            Monitoring.BettingMetrics.AgentTicks.Add(1, new KeyValuePair<string, object?>("agent", Name), new KeyValuePair<string, object?>("result", "failed"));
            logger.LogWarning(e, "{Agent} tick failed ({Failures} in a row)", Name, s.ConsecutiveFailures);
            if (s.ConsecutiveFailures >= FaultAfter)
            {
                Transition(AgentState.Faulted, $"{s.ConsecutiveFailures} failed ticks in a row, last: {s.LastError}");
                Monitoring.BettingMetrics.AgentFaults.Add(1, new KeyValuePair<string, object?>("agent", Name));
                timer?.Dispose();
                timer = null;
            }
        }

        await record.WriteStateAsync(cancellationToken);
    }

    private AgentStatus Status()
    {
        var s = record.State;
        return new AgentStatus(Name, Role, s.State, s.StateReason, s.Ticks, s.LastTickUtc, s.LastError, s.CurrentStep, Tools, DescribeMemory(),
            s.Transitions.TakeLast(20).ToList());
    }
}

/// <summary>An agent's persisted record: lifecycle, counters, completed steps, decisions and its own memory.</summary>
[GenerateSerializer]
public sealed class AgentRecord<TMemory> where TMemory : class, new()
{
    [Id(0)] public AgentState State { get; set; }
    [Id(1)] public string? StateReason { get; set; }
    [Id(2)] public long Ticks { get; set; }
    [Id(3)] public DateTime? LastTickUtc { get; set; }
    [Id(4)] public string? LastError { get; set; }
    [Id(5)] public int ConsecutiveFailures { get; set; }
    [Id(6)] public string? CurrentStep { get; set; }
    [Id(7)] public HashSet<string> CompletedSteps { get; set; } = [];
    [Id(8)] public Queue<string> CompletedOrder { get; set; } = new();
    [Id(9)] public List<AgentDecision> Decisions { get; set; } = [];
    [Id(10)] public List<AgentTransition> Transitions { get; set; } = [];
    [Id(11)] public TMemory Memory { get; set; } = new();
    [Id(12)] public List<OutboxEntry> Outbox { get; set; } = [];
    [Id(13)] public List<MessageRecord> History { get; set; } = [];
    [Id(14)] public HashSet<string> Processed { get; set; } = [];
    [Id(15)] public Queue<string> ProcessedOrder { get; set; } = new();
}

/// <summary>A message not yet acknowledged, and when it was last sent.</summary>
[GenerateSerializer, Immutable]
public sealed record OutboxEntry([property: Id(0)] AgentMessage Message, [property: Id(1)] DateTime LastSentUtc);
