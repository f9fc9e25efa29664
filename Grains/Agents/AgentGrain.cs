using Microsoft.Extensions.Logging;

namespace Orleans.Betting.Agents;

/// <summary>
/// The foundation of every agent: a persistent grain with a lifecycle (transitions with reasons),
/// memory (its own state plus a bounded decision log), a registry of tools — the grain calls it may
/// make; anything else is refused and logged — and idempotent steps: a step id once completed is
/// never run again, so a resumed cycle does not repeat a step's side effects. A grain timer drives
/// ticks while Running; a reminder brings the agent back after deactivation, a restart or a crash.
/// </summary>
public abstract partial class AgentGrain<TMemory>(IPersistentState<AgentRecord<TMemory>> record, AgentContext context, ILogger logger)
    : Grain,
        IAgentGrain,
        IRemindable
    where TMemory : class, new()
{
    private const string KeepAlive = "agent-keepalive";
    private const int MaxCompletedSteps = 5000;
    private const int MaxTransitions = 100;
    private IGrainTimer? timer;
    private byte[]? writtenFingerprint;

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

    /// <summary>The live market's time (accelerated on the Embedded simulator; the wall clock in production).</summary>
    protected DateTime MarketUtcNow => context.Market.UtcNow;

    protected Clock.MarketTime MarketClock => context.Market;

    /// <summary>One unit of work while Running; exceptions count towards Faulted.</summary>
    protected abstract Task TickAsync(CancellationToken cancellationToken);

    /// <summary>What the status says about this agent's memory (null: nothing).</summary>
    protected virtual Views.AgentMemoryView? DescribeMemory() => null;

    /// <summary>How often this kind of agent needs to look (Betting:Agents:{name}:TickSeconds, else Betting:Agents:TickSeconds when set, else this).</summary>
    protected virtual double DefaultTickSeconds => 1.0;

    private TimeSpan TickPeriod => Options.TickPeriod(Name, DefaultTickSeconds);

    private int FaultAfter => Options.FaultAfterFailures;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The inbox subscription is persisted by the stream provider: resume it, or make it once.
        foreach (var stream in Topics.Select(Mailbox.Topic).Prepend(Mailbox.Inbox(Name)))
        {
            await stream.SubscribeOrResumeAsync(Mailbox.OnMessageAsync);
        }

        if (record.State.State == AgentState.Running)
        {
            StartTimer();
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
        reason = Security.CallerIdentity.Attributed(reason);
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
        reason = Security.CallerIdentity.Attributed(reason);
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
        if (!context.DrillsAllowed)
        {
            throw new InvalidOperationException(
                $"fault injection into agent {Name} is refused: drills run only where the silo runs its odds simulator (the Embedded profile)"
            );
        }

        if (!(duration > TimeSpan.Zero) || duration > TimeSpan.FromHours(1))
        {
            throw new ArgumentException($"fault duration {duration.TotalSeconds:0.#} s: between 0 and 3600 s");
        }

        reason = Security.CallerIdentity.Attributed(reason);
        injectedFault = (UtcNow + duration, reason);
        AgentLog.FaultInjected(logger, Name, duration.TotalSeconds, reason);
        return Task.CompletedTask;
    }

    /// <summary>The reminder only wakes the grain: activation restarts the timer of a Running agent.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

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

        await Mailbox.ServiceOutboxAsync();
        try
        {
            if (injectedFault is { } chaos && UtcNow < chaos.Until)
            {
                throw new InvalidOperationException($"injected fault until {chaos.Until:HH:mm:ss}: {chaos.Reason}");
            }

            await TickAsync(cancellationToken);
            Monitoring.BettingMetrics.AgentTicks.Add(
                1,
                new KeyValuePair<string, object?>("agent", Name),
                new KeyValuePair<string, object?>("result", "ok")
            );
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
            Monitoring.BettingMetrics.AgentTicks.Add(
                1,
                new KeyValuePair<string, object?>("agent", Name),
                new KeyValuePair<string, object?>("result", "failed")
            );
            AgentLog.TickFailed(logger, e, Name, s.ConsecutiveFailures);
            if (s.ConsecutiveFailures >= FaultAfter)
            {
                Transition(AgentState.Faulted, $"{s.ConsecutiveFailures} failed ticks in a row, last: {s.LastError}");
                Monitoring.BettingMetrics.AgentFaults.Add(1, new KeyValuePair<string, object?>("agent", Name));
                timer?.Dispose();
                timer = null;
            }
        }

        await Journal.FlushAsync();
        await WriteIfChangedAsync(cancellationToken);
    }

    /// <summary>
    /// A tick that changed nothing but its own counters is not written: an idle agent ticking every
    /// second would otherwise rewrite its whole record (decisions, messages, memory) every second.
    /// The counters ride along with the next real change (a crash loses only idle ticks' counts).
    /// </summary>
    private async Task WriteIfChangedAsync(CancellationToken cancellationToken)
    {
        var s = record.State;
        var (ticks, last) = (s.Ticks, s.LastTickUtc);
        (s.Ticks, s.LastTickUtc) = (0, null);
        byte[] fingerprint;
        long fingerprintBytes;
        try
        {
            var bytes = context.Serializer.SerializeToArray(s);
            fingerprintBytes = bytes.Length;
            fingerprint = System.Security.Cryptography.SHA256.HashData(bytes);
        }
        finally
        {
            (s.Ticks, s.LastTickUtc) = (ticks, last);
        }

        if (writtenFingerprint is not null && fingerprint.AsSpan().SequenceEqual(writtenFingerprint))
        {
            Monitoring.BettingMetrics.AgentWritesSkipped.Add(1, new KeyValuePair<string, object?>("agent", Name));
            return;
        }

        await record.WriteStateAsync(cancellationToken);
        writtenFingerprint = fingerprint;
        RecordBytes = fingerprintBytes;
        Monitoring.BettingMetrics.Set("agent_record_bytes", Name, fingerprintBytes);
    }

    /// <summary>The size of the record as last written (serialised), for status and the health monitor's size check.</summary>
    private long RecordBytes { get; set; }

    private AgentStatus Status()
    {
        var s = record.State;
        return new AgentStatus(
            Name,
            Role,
            s.State,
            s.StateReason,
            s.Ticks,
            s.LastTickUtc,
            s.LastError,
            s.CurrentStep,
            Tools,
            s.Transitions.TakeLast(20).ToList(),
            RecordBytes,
            DescribeMemory()
        );
    }
}
