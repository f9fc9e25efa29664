using Microsoft.Extensions.Logging;
using Orleans.Betting.Agents.Bus;

namespace Orleans.Betting.Agents;

/// <summary>
/// Logging: the audit trail over every agent's decision journal. The journals hold the decisions
/// (pages of their own, read by cursor); this agent follows them with one cursor per agent and keeps
/// counts, so nothing is copied and its own record stays a few hundred bytes. Queries read the journals.
/// </summary>
public sealed class LoggingAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<LoggingMemory>> record,
    IGrainFactory grains,
    AgentContext context,
    ILogger<LoggingAgent> logger
) : AgentGrain<LoggingMemory>(record, context, logger), ILoggingAgent
{
    private const int ReadBatch = 500;

    protected override IReadOnlyList<string> Topics => [AgentBus.CycleTopic, AgentBus.InsightsTopic];

    protected override AgentRole Role => AgentRole.Worker;

    protected override double DefaultTickSeconds => 2;

    protected override IReadOnlyList<string> Tools { get; } = [ToolNames.AgentsDecisions];

    protected override Views.AgentMemoryView DescribeMemory() =>
        new Views.LoggingView(Memory.Counts.Values.Sum(), Memory.Sequence, Memory.LastCycle, Memory.LastInsights);

    /// <summary>The Orchestrator's cycle news goes into the trail's summary as it happens.</summary>
    protected override Task<string> HandleAsync(BusBody body, AgentMessage envelope)
    {
        switch (body)
        {
            case CycleCompleted cycle:
                Memory.LastCycle = cycle.Report;
                break;
            case InsightsPublished insights:
                Memory.LastInsights = insights.Summary;
                break;
        }

        return Task.FromResult("noted");
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(string? agent = null, DecisionKind? kind = null, int limit = 200)
    {
        var names = agent is null ? AgentNames.All.Select(a => a.Name).ToList() : [agent];
        var found = new List<AuditEntry>();
        foreach (var name in names)
        {
            var after = 0L;
            while (true)
            {
                var page = string.Equals(name, Name, StringComparison.Ordinal)
                    ? await GetDecisionsSinceAsync(after, ReadBatch)
                    : await grains.Agent(name).GetDecisionsSinceAsync(after, ReadBatch);
                if (page.Count == 0)
                {
                    break;
                }

                found.AddRange(page.Where(e => kind is null || e.Decision.Kind == kind));
                after = page[^1].Sequence;
            }
        }

        return found
            .OrderBy(e => e.Decision.AtUtc)
            .ThenBy(e => e.Decision.Agent, StringComparer.Ordinal)
            .TakeLast(Security.ReadLimit.Clamp(limit))
            .ToList();
    }

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, _) in AgentNames.All.Where(a => a.Name != AgentNames.Logging))
        {
            var since = Memory.Cursors.GetValueOrDefault(name);
            var entries = await UseToolAsync(ToolNames.AgentsDecisions, () => grains.Agent(name).GetDecisionsSinceAsync(since, ReadBatch));
            if (entries.Count == 0)
            {
                continue;
            }

            Memory.Cursors[name] = entries[^1].Sequence;
            Memory.Counts[name] = Memory.Counts.GetValueOrDefault(name) + entries.Count;
            Memory.Sequence += entries.Count;
        }
    }
}

[GenerateSerializer]
[Alias("betting.LoggingMemory")]
public sealed class LoggingMemory
{
    /// <summary>Retired: the trail is the agents' journals now (kept so older records still read).</summary>
    [Id(0)]
    public List<AuditEntry> Trail { get; set; } = [];

    /// <summary>Retired: the copy's time cursors.</summary>
    [Id(1)]
    public Dictionary<string, DateTime> TimeCursors { get; set; } = [];

    /// <summary>Decisions followed, all agents.</summary>
    [Id(2)]
    public long Sequence { get; set; }

    [Id(3)]
    public string? LastCycle { get; set; }

    /// <summary>Decisions followed, per agent.</summary>
    [Id(4)]
    public Dictionary<string, long> Counts { get; set; } = [];

    /// <summary>The last journal number read, per agent.</summary>
    [Id(5)]
    public Dictionary<string, long> Cursors { get; set; } = [];

    /// <summary>The PerformanceAnalyst's latest published insights, as heard on the bus.</summary>
    [Id(6)]
    public string? LastInsights { get; set; }
}
