namespace Orleans.Betting.Agents;

/// <summary>An agent's persisted record: lifecycle, counters, completed steps, decisions and its own memory.</summary>
[GenerateSerializer]
[Alias("betting.AgentRecord`1")]
public sealed class AgentRecord<TMemory>
    where TMemory : class, new()
{
    [Id(0)]
    public AgentState State { get; set; }

    [Id(1)]
    public string? StateReason { get; set; }

    [Id(2)]
    public long Ticks { get; set; }

    [Id(3)]
    public DateTime? LastTickUtc { get; set; }

    [Id(4)]
    public string? LastError { get; set; }

    [Id(5)]
    public int ConsecutiveFailures { get; set; }

    [Id(6)]
    public string? CurrentStep { get; set; }

    [Id(7)]
    public HashSet<string> CompletedSteps { get; set; } = [];

    [Id(8)]
    public Queue<string> CompletedOrder { get; set; } = new();

    /// <summary>Decisions not yet in the journal, numbered from <see cref="JournalFlushed"/> + 1 (flushed at the end of each tick).</summary>
    [Id(9)]
    public List<AgentDecision> Decisions { get; set; } = [];

    [Id(10)]
    public List<AgentTransition> Transitions { get; set; } = [];

    [Id(11)]
    public TMemory Memory { get; set; } = new();

    [Id(12)]
    public List<OutboxEntry> Outbox { get; set; } = [];

    [Id(13)]
    public List<MessageRecord> History { get; set; } = [];

    [Id(14)]
    public HashSet<string> Processed { get; set; } = [];

    [Id(15)]
    public Queue<string> ProcessedOrder { get; set; } = new();

    /// <summary>The number of the last decision stored in the journal's pages.</summary>
    [Id(16)]
    public long JournalFlushed { get; set; }

    /// <summary>The oldest journal page kept (older ones were forgotten by retention).</summary>
    [Id(17)]
    public long JournalFirstPage { get; set; }

    /// <summary>Decisions dropped unjournaled because the journal could not be written for too long.</summary>
    [Id(18)]
    public long JournalDropped { get; set; }

    /// <summary>Answers to this agent's requests not yet taken by the step that asked (at most a few dozen).</summary>
    [Id(19)]
    public List<ReceivedAnswer> Answers { get; set; } = [];

    /// <summary>This agent's requests by recipient and kind: sent, answered, timed out.</summary>
    [Id(20)]
    public Dictionary<string, BusFlow> Flows { get; set; } = [];
}
