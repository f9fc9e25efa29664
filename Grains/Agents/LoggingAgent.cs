using Microsoft.Extensions.Logging;
using Orleans.Betting.Agents.Bus;

namespace Orleans.Betting.Agents;

/// <summary>
/// Logging: the audit trail over every agent's decision journal. The journals hold the decisions
/// (pages of their own, read by cursor); this agent follows them with one cursor per agent and keeps
/// counts, so nothing is copied and its own record stays small. Queries read the journals. It also keeps
/// the health logs beside the decisions: each incident's opening, remediation steps, escalation and
/// resolution, and each change a connectivity audit finds in a component's status, as entries of its own
/// journal (kinds "incident" and "audit"), readable by cursor like every other.
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

    protected override IReadOnlyList<string> Tools { get; } = [ToolNames.AgentsDecisions, ToolNames.HealthIncidents, ToolNames.HealthAudit];

    /// <summary>Incidents whose last logged state is remembered (the newest; older ones are long settled).</summary>
    private const int IncidentsFollowed = 200;

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

        await FollowIncidentsAsync();
        await FollowAuditsAsync();
    }

    /// <summary>Each incident's new state (opened, a step taken, escalated, resolved) becomes one entry of the trail.</summary>
    private async Task FollowIncidentsAsync()
    {
        var incidents = await UseToolAsync(
            ToolNames.HealthIncidents,
            () => grains.GetGrain<Health.IHealthMonitorGrain>(Health.IHealthMonitorGrain.Key).GetIncidentsAsync(false, 100)
        );
        foreach (var incident in incidents.OrderBy(i => i.Id))
        {
            var state =
                incident.ResolvedUtc is not null ? "resolved"
                : incident.Escalated ? "escalated"
                : incident.Actions.Count > 0 ? $"step {incident.Actions.Count}"
                : "opened";
            if (Memory.Incidents.GetValueOrDefault(incident.Id) == state)
            {
                continue;
            }

            Memory.Incidents[incident.Id] = state;
            var last = incident.Actions.Count > 0 ? incident.Actions[^1] : null;
            Decide(
                0,
                DecisionKind.Incident,
                $"#{incident.Id} {incident.Kind} {incident.Subject}: {state}",
                [],
                new Dictionary<string, string>
                {
                    ["severity"] = incident.Severity.ToString(),
                    ["series"] = incident.Series,
                    ["detected"] = incident.DetectedUtc.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
                    ["steps"] = incident.Actions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                [
                    incident.LastEvidence ?? incident.Evidence,
                    .. last is null ? Array.Empty<string>() : [$"{last.Action}: {last.Result} ({last.Detail})"],
                ]
            );
        }

        foreach (var old in Memory.Incidents.Keys.OrderDescending().Skip(IncidentsFollowed).ToList())
        {
            Memory.Incidents.Remove(old);
        }
    }

    /// <summary>A component's status as the connectivity audits find it: logged when it changes (and when first seen unwell).</summary>
    private async Task FollowAuditsAsync()
    {
        var graph = await UseToolAsync(
            ToolNames.HealthAudit,
            () => grains.GetGrain<Health.IConnectivityGrain>(Health.IConnectivityGrain.Key).GetGraphAsync()
        );
        foreach (var component in graph.Components)
        {
            var status = component.Status.ToString();
            var before = Memory.Components.GetValueOrDefault(component.Name);
            if (before == status || (before is null && component.Status == Health.ComponentStatus.Healthy))
            {
                Memory.Components[component.Name] = status;
                continue;
            }

            Memory.Components[component.Name] = status;
            Decide(
                0,
                DecisionKind.Audit,
                $"{component.Name}: {before ?? "first seen"} → {status}",
                [],
                new Dictionary<string, string>
                {
                    ["kind"] = component.Kind,
                    ["latencyMs"] = component.LatencyMs.ToString("F1", System.Globalization.CultureInfo.InvariantCulture),
                    ["reportedBy"] = component.ReportedBy,
                },
                [component.LastError ?? component.Description]
            );
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

    /// <summary>The last state logged per incident (id → "opened", "step n", "escalated", "resolved").</summary>
    [Id(7)]
    public Dictionary<long, string> Incidents { get; set; } = [];

    /// <summary>The last status seen per audited component.</summary>
    [Id(8)]
    public Dictionary<string, string> Components { get; set; } = [];
}
