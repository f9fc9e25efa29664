using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Betting.Clock;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Health;
using Orleans.Betting.Ledger;

namespace Orleans.Betting.Agents;

/// <summary>
/// Notification: alerts and the daily report through the webhook client (console when none is
/// configured). Alerts are queued (the sender never waits), de-duplicated by key within a cooldown,
/// and kept queued when sending fails, so none acknowledged is lost.
/// </summary>
public sealed partial class NotificationAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<NotificationMemory>> record,
    IGrainFactory grains,
    NotificationWebhook webhook,
    AgentContext context,
    IOptionsMonitor<NotificationOptions> notifications,
    ILogger<NotificationAgent> logger
) : AgentGrain<NotificationMemory>(record, context, logger), INotificationAgent
{
    protected override AgentRole Role => AgentRole.Worker;

    protected override double DefaultTickSeconds => 1;

    protected override IReadOnlyList<string> Tools { get; } = [ToolNames.WebhookPost, ToolNames.LedgerReport, ToolNames.ClockRead];

    protected override IReadOnlyDictionary<string, string> DescribeMemory() =>
        new Dictionary<string, string>
        {
            ["pending"] = Memory.Pending.Count.ToString(CultureInfo.InvariantCulture),
            ["sent"] = Memory.SentCount.ToString(CultureInfo.InvariantCulture),
            ["suppressed"] = Memory.Suppressed.ToString(CultureInfo.InvariantCulture),
            ["channel"] = webhook.Configured ? "webhook" : "console",
        };

    public async Task NotifyAsync(Alert alert)
    {
        var cooldown = TimeSpan.FromMinutes(notifications.CurrentValue.CooldownMinutes);
        if (
            (Memory.LastSent.TryGetValue(alert.Key, out var last) && UtcNow - last < cooldown)
            || Memory.Pending.Any(p => p.Key == alert.Key)
        )
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
            var message = new WebhookMessage(
                $"[{alert.Severity.Text()}] {alert.Text}",
                alert.Severity.Text(),
                alert.Source,
                alert.Key,
                UtcNow
            );
            var sent = await UseToolAsync(ToolNames.WebhookPost, () => webhook.SendAsync(message, cancellationToken));
            if (!sent)
            {
                LogAlert(message.Text); // no webhook configured: the log is the channel
            }

            Memory.Pending.RemoveAt(0);
            Memory.LastSent[alert.Key] = UtcNow;
            Memory.SentCount++;
            Memory.Sent.Add($"{UtcNow:u} {alert.Key}: {message.Text}");
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
        var clock = await UseToolAsync(ToolNames.ClockRead, () => grains.GetGrain<IMarketClockGrain>(IMarketClockGrain.Key).GetAsync());
        var day = clock.NowUtc.Date;
        // A fast replay passes a simulated day every few seconds: at most one report per ReportMinSeconds of real time.
        var minimum = TimeSpan.FromSeconds(notifications.CurrentValue.ReportMinSeconds);
        if ((Memory.LastReportDay is { } last && last >= day) || UtcNow - Memory.LastReportUtc < minimum)
        {
            return;
        }

        Memory.LastReportDay = day;
        Memory.LastReportUtc = UtcNow;
        var r = await UseToolAsync(ToolNames.LedgerReport, () => grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).GetReportAsync());
        if (r.Bets > 0)
        {
            Memory.Pending.Add(
                new Alert(
                    $"daily|{day:yyyy-MM-dd}",
                    Severity.Info,
                    AgentNames.Notification,
                    $"Daily report {day:yyyy-MM-dd}: bankroll {r.Bankroll:F2}, {r.Bets} bets ({r.Open} open), profit {r.Profit:+0.00;-0.00}, ROI {r.Roi:P1}, "
                        + $"mean CLV {r.MeanClv?.ToString("P1", CultureInfo.InvariantCulture) ?? "-"}, max drawdown {r.MaxDrawdown:P1}"
                )
            );
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "[alert] {Text}")]
    private partial void LogAlert(string text);
}

[GenerateSerializer]
public sealed class NotificationMemory
{
    [Id(0)]
    public List<Alert> Pending { get; set; } = [];

    [Id(1)]
    public Dictionary<string, DateTime> LastSent { get; set; } = [];

    [Id(2)]
    public List<string> Sent { get; set; } = [];

    [Id(3)]
    public long SentCount { get; set; }

    [Id(4)]
    public long Suppressed { get; set; }

    [Id(5)]
    public DateTime? LastReportDay { get; set; }

    [Id(6)]
    public DateTime LastReportUtc { get; set; }
}
