using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Orleans.Betting.Agents;

/// <summary>Logging: collects every agent's decisions into one persisted, queryable audit trail.</summary>
public sealed class LoggingAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<LoggingMemory>> record,
    IGrainFactory grains,
    AgentContext context,
    ILogger<LoggingAgent> logger
) : AgentGrain<LoggingMemory>(record, context, logger), ILoggingAgent
{
    private const int MaxEntries = 20_000;

    protected override IReadOnlyList<string> Topics => [AgentBus.CycleTopic];

    protected override AgentRole Role => AgentRole.Worker;

    protected override double DefaultTickSeconds => 2;

    protected override IReadOnlyList<string> Tools { get; } = [ToolNames.AgentsDecisions];

    protected override IReadOnlyDictionary<string, string> DescribeMemory() =>
        new Dictionary<string, string>
        {
            ["entries"] = Memory.Trail.Count.ToString(CultureInfo.InvariantCulture),
            ["sequence"] = Memory.Sequence.ToString(CultureInfo.InvariantCulture),
            ["lastCycle"] = Memory.LastCycle ?? "-",
        };

    /// <summary>The Orchestrator's cycle news goes into the trail's summary as it happens.</summary>
    protected override Task<string> HandleMessageAsync(AgentMessage message)
    {
        if (message.Subject == "cycle-completed")
        {
            Memory.LastCycle = message.Body;
        }

        return Task.FromResult("noted");
    }

    public Task<IReadOnlyList<AuditEntry>> QueryAsync(string? agent = null, string? kind = null, int limit = 200) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>(
            Memory
                .Trail.Where(e => (agent is null || e.Decision.Agent == agent) && (kind is null || e.Decision.Kind == kind))
                .TakeLast(Math.Max(1, limit))
                .ToList()
        );

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var (name, _) in AgentNames.All.Where(a => a.Name != AgentNames.Logging))
        {
            var since = Memory.Cursors.GetValueOrDefault(name);
            var decisions = await UseToolAsync(ToolNames.AgentsDecisions, () => grains.Agent(name).GetDecisionsAsync(2000));
            foreach (var d in decisions.Where(d => d.AtUtc > since))
            {
                Memory.Trail.Add(new AuditEntry(++Memory.Sequence, d));
                added++;
            }

            if (decisions.Count > 0)
            {
                Memory.Cursors[name] = decisions.Max(d => d.AtUtc) is var max && max > since ? max : since;
            }
        }

        if (Memory.Trail.Count > MaxEntries)
        {
            Memory.Trail.RemoveRange(0, Memory.Trail.Count - MaxEntries);
        }

        if (added > 0)
        {
            await SaveAsync();
        }
    }
}

[GenerateSerializer]
public sealed class LoggingMemory
{
    [Id(0)]
    public List<AuditEntry> Trail { get; set; } = [];

    [Id(1)]
    public Dictionary<string, DateTime> Cursors { get; set; } = [];

    [Id(2)]
    public long Sequence { get; set; }

    [Id(3)]
    public string? LastCycle { get; set; }
}
