using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Orleans.Betting.Api;
using Orleans.Runtime;

namespace Orleans.Betting.Agents;

/// <summary>
/// Notification: alerts and the daily report through the webhook client (console when none is
/// configured). Alerts are queued (the sender never waits), de-duplicated by key within a cooldown,
/// and kept queued when sending fails, so none acknowledged is lost.
/// </summary>
public sealed class NotificationAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<NotificationMemory>> record,
    IGrainFactory grains,
    NotificationWebhook webhook,
    IConfiguration configuration,
    ILogger<NotificationAgent> logger) : AgentGrain<NotificationMemory>(record, configuration, logger), INotificationAgent
{
    protected override AgentRole Role => AgentRole.Worker;

    protected override double DefaultTickSeconds => 1;

    protected override IReadOnlyList<string> Tools { get; } = ["webhook.post", "ledger.report", "clock.read"];

    protected override IReadOnlyDictionary<string, string> DescribeMemory() => new Dictionary<string, string>
    {
        ["pending"] = Memory.Pending.Count.ToString(CultureInfo.InvariantCulture),
        ["sent"] = Memory.SentCount.ToString(CultureInfo.InvariantCulture),
        ["suppressed"] = Memory.Suppressed.ToString(CultureInfo.InvariantCulture),
        ["channel"] = webhook.Configured ? "webhook" : "console",
    };

    public async Task NotifyAsync(Alert alert)
    {
        var cooldown = TimeSpan.FromMinutes(Configuration.GetValue("Betting:Notifications:CooldownMinutes", 60.0));
        if ((Memory.LastSent.TryGetValue(alert.Key, out var last) && DateTime.UtcNow - last < cooldown) || Memory.Pending.Any(p => p.Key == alert.Key))
        {
            Memory.Suppressed++;
            return;
        }

        Memory.Pending.Add(alert);
        await SaveAsync();
    }

    public Task<IReadOnlyList<string>> SentAsync() => Task.FromResult<IReadOnlyList<string>>(Memory.Sent.ToList());

    /// <summary>Alerts arrive on the bus as events with subject "alert" (the JSON of an <see cref="Alert"/>).</summary>
    protected override async Task<string> HandleMessageAsync(AgentMessage message)
    {
        if (message.Subject == "alert" && System.Text.Json.JsonSerializer.Deserialize<Alert>(message.Body) is { } alert)
        {
            await NotifyAsync(alert);
            return "queued";
        }

        return await base.HandleMessageAsync(message);
    }

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        await QueueDailyReportAsync();
        while (Memory.Pending.Count > 0)
        {
            var alert = Memory.Pending[0];
            var message = new WebhookMessage($"[{alert.Severity}] {alert.Text}", alert.Severity, alert.Source, alert.Key, DateTime.UtcNow);
            var sent = await UseToolAsync("webhook.post", () => webhook.SendAsync(message, cancellationToken));
            if (!sent)
            {
                Console.WriteLine($"[alert] {message.Text}"); // no webhook configured: the console is the channel
            }

            Memory.Pending.RemoveAt(0);
            Memory.LastSent[alert.Key] = DateTime.UtcNow;
            Memory.SentCount++;
            Memory.Sent.Add($"{DateTime.UtcNow:u} {alert.Key}: {message.Text}");
            if (Memory.Sent.Count > 200)
            {
                Memory.Sent.RemoveAt(0);
            }

            await SaveAsync();
        }
    }

    /// <summary>Once per simulated day with settled bets: the ledger's state as a report.</summary>
    private async Task QueueDailyReportAsync()
    {
        var clock = await UseToolAsync("clock.read", () => grains.GetGrain<IMarketClockGrain>(IMarketClockGrain.Key).GetAsync());
        var day = clock.NowUtc.Date;
        // A fast replay passes a simulated day every few seconds: at most one report per ReportMinSeconds of real time.
        var minimum = TimeSpan.FromSeconds(Configuration.GetValue("Betting:Notifications:ReportMinSeconds", 60.0));
        if ((Memory.LastReportDay is { } last && last >= day) || DateTime.UtcNow - Memory.LastReportUtc < minimum)
        {
            return;
        }

        Memory.LastReportDay = day;
        Memory.LastReportUtc = DateTime.UtcNow;
        var r = await UseToolAsync("ledger.report", () => grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).GetReportAsync());
        if (r.Bets > 0)
        {
            Memory.Pending.Add(new Alert($"daily|{day:yyyy-MM-dd}", "info", AgentNames.Notification,
                $"Daily report {day:yyyy-MM-dd}: bankroll {r.Bankroll:F2}, {r.Bets} bets ({r.Open} open), profit {r.Profit:+0.00;-0.00}, ROI {r.Roi:P1}, " +
                $"mean CLV {r.MeanClv?.ToString("P1", CultureInfo.InvariantCulture) ?? "-"}, max drawdown {r.MaxDrawdown:P1}"));
        }
    }
}

[GenerateSerializer]
public sealed class NotificationMemory
{
    [Id(0)] public List<Alert> Pending { get; set; } = [];
    [Id(1)] public Dictionary<string, DateTime> LastSent { get; set; } = [];
    [Id(2)] public List<string> Sent { get; set; } = [];
    [Id(3)] public long SentCount { get; set; }
    [Id(4)] public long Suppressed { get; set; }
    [Id(5)] public DateTime? LastReportDay { get; set; }
    [Id(6)] public DateTime LastReportUtc { get; set; }
}

/// <summary>Logging: collects every agent's decisions into one persisted, queryable audit trail.</summary>
public sealed class LoggingAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<LoggingMemory>> record,
    IGrainFactory grains,
    IConfiguration configuration,
    ILogger<LoggingAgent> logger) : AgentGrain<LoggingMemory>(record, configuration, logger), ILoggingAgent
{
    private const int MaxEntries = 20_000;

    protected override IReadOnlyList<string> Topics => [AgentBus.CycleTopic];

    protected override AgentRole Role => AgentRole.Worker;

    protected override double DefaultTickSeconds => 2;

    protected override IReadOnlyList<string> Tools { get; } = ["agents.decisions"];

    protected override IReadOnlyDictionary<string, string> DescribeMemory() => new Dictionary<string, string>
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
        Task.FromResult<IReadOnlyList<AuditEntry>>(Memory.Trail.Where(e => (agent is null || e.Decision.Agent == agent) && (kind is null || e.Decision.Kind == kind))
            .TakeLast(Math.Max(1, limit)).ToList());

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var (name, _) in AgentNames.All.Where(a => a.Name != AgentNames.Logging))
        {
            var since = Memory.Cursors.GetValueOrDefault(name);
            var decisions = await UseToolAsync("agents.decisions", () => grains.Agent(name).GetDecisionsAsync(2000));
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
    [Id(0)] public List<AuditEntry> Trail { get; set; } = [];
    [Id(1)] public Dictionary<string, DateTime> Cursors { get; set; } = [];
    [Id(2)] public long Sequence { get; set; }
    [Id(3)] public string? LastCycle { get; set; }
}

/// <summary>
/// SelfHealing: the hands of the health monitor in the agents' world. It keeps the monitor running
/// (which detects, remediates — restarting faulted agents among other things — verifies and
/// escalates) and writes every remediation step into its own decision log, so the Logging
/// agent's audit trail holds each incident's actions beside the other agents' decisions.
/// </summary>
public sealed class SelfHealingAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<SelfHealingMemory>> record,
    IGrainFactory grains,
    IConfiguration configuration,
    ILogger<SelfHealingAgent> logger) : AgentGrain<SelfHealingMemory>(record, configuration, logger), ISelfHealingAgent
{
    protected override AgentRole Role => AgentRole.Worker;

    protected override double DefaultTickSeconds => 2;

    protected override IReadOnlyList<string> Tools { get; } = ["health.start", "health.incidents"];

    protected override IReadOnlyDictionary<string, string> DescribeMemory() => new Dictionary<string, string>
    {
        ["stepsRecorded"] = Memory.StepsSeen.Values.Sum().ToString(CultureInfo.InvariantCulture),
        ["openIncidents"] = Memory.OpenIncidents.ToString(CultureInfo.InvariantCulture),
        ["escalated"] = string.Join(",", Memory.Escalated),
    };

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        var monitor = grains.GetGrain<Health.IHealthMonitorGrain>(Health.IHealthMonitorGrain.Key);
        if (!Memory.MonitorStarted)
        {
            await UseToolAsync("health.start", () => monitor.StartAsync());
            Memory.MonitorStarted = true;
        }

        var incidents = await UseToolAsync("health.incidents", () => monitor.GetIncidentsAsync(false, 50));
        Memory.OpenIncidents = incidents.Count(i => i.ResolvedUtc is null);
        var changed = false;
        foreach (var incident in incidents.OrderBy(i => i.Id))
        {
            var seen = Memory.StepsSeen.GetValueOrDefault(incident.Id);
            foreach (var step in incident.Actions.Skip(seen))
            {
                Decide(0, step.Action, $"incident {incident.Id}: {step.Result}", ["remediate", "escalate", "wait"], new Dictionary<string, string>
                {
                    ["incident"] = incident.Id.ToString(CultureInfo.InvariantCulture),
                    ["subject"] = incident.Subject,
                    ["kind"] = incident.Kind,
                    ["result"] = step.Result,
                }, [incident.Evidence, step.Detail]);
                if (step.Action == Health.RemediationActions.Escalate)
                {
                    Memory.Escalated.Add(incident.Subject);
                }

                changed = true;
            }

            Memory.StepsSeen[incident.Id] = incident.Actions.Count;
        }

        foreach (var old in Memory.StepsSeen.Keys.Where(id => incidents.All(i => i.Id != id)).ToList())
        {
            Memory.StepsSeen.Remove(old);
        }

        if (changed)
        {
            await SaveAsync();
        }
    }
}

[GenerateSerializer]
public sealed class SelfHealingMemory
{
    [Id(0)] public Dictionary<long, int> StepsSeen { get; set; } = [];
    [Id(1)] public HashSet<string> Escalated { get; set; } = [];
    [Id(2)] public bool MonitorStarted { get; set; }
    [Id(3)] public int OpenIncidents { get; set; }
}
