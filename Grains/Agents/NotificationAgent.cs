using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Betting.Agents.Bus;
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

    protected override Views.AgentMemoryView DescribeMemory() =>
        new Views.NotificationView(
            Memory.Pending.Count,
            Memory.SentCount,
            Memory.Suppressed,
            Memory.Failing.Count,
            Memory.DeadLettered,
            webhook.Configured ? "webhook" : "console"
        );

    public async Task NotifyAsync(Alert alert)
    {
        var cooldown = TimeSpan.FromMinutes(notifications.CurrentValue.CooldownMinutes);
        // A key past its cooldown suppresses nothing: forgotten, so the record stays flat however many keys come (one per bet, say).
        foreach (var expired in Memory.LastSent.Where(e => UtcNow - e.Value >= cooldown).Select(e => e.Key).ToList())
        {
            Memory.LastSent.Remove(expired);
        }

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

    /// <summary>Alerts arrive on the bus as <see cref="AlertRaised"/> events; one without a key or a known severity is refused (dead-lettered).</summary>
    protected override async Task<string> HandleAsync(BusBody body, AgentMessage envelope)
    {
        if (body is not AlertRaised { Alert: var alert })
        {
            return await base.HandleAsync(body, envelope);
        }

        if (string.IsNullOrWhiteSpace(alert.Key) || !Enum.IsDefined(alert.Severity))
        {
            throw new ArgumentException($"an alert needs a key and a known severity: key '{alert.Key}', severity {(int)alert.Severity}");
        }

        await NotifyAsync(alert);
        return "queued";
    }

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        await QueueDailyReportAsync();
        var now = UtcNow;
        // Each alert on its own schedule: one that keeps failing waits for its retry and never blocks the others.
        foreach (var alert in Memory.Pending.ToList())
        {
            if (Memory.Failing.TryGetValue(alert.Key, out var failing) && failing.NextUtc > now)
            {
                continue;
            }

            var message = new WebhookMessage(
                $"[{alert.Severity.Text()}] {alert.Text}",
                alert.Severity.Text(),
                alert.Source,
                alert.Key,
                now
            );
            bool sent;
            try
            {
                sent = await UseToolAsync(ToolNames.WebhookPost, () => webhook.SendAsync(message, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Failed(alert, failing, e, now);
                await SaveAsync();
                continue;
            }

            if (!sent)
            {
                LogAlert(Monitoring.LogText.Safe(message.Text)); // no webhook configured: the log is the channel
            }

            Memory.Pending.Remove(alert);
            Memory.Failing.Remove(alert.Key);
            Memory.LastSent[alert.Key] = now;
            Memory.SentCount++;
            Memory.Sent.Add($"{now:u} {alert.Key}: {message.Text}");
            if (Memory.Sent.Count > 200)
            {
                Memory.Sent.RemoveAt(0);
            }

            await SaveAsync();
        }
    }

    /// <summary>
    /// A failed send is retried with a doubling delay (2 s up to 5 min). A webhook that refuses this very
    /// message (an HTTP 4xx other than 408/429: malformed, too large, forbidden) refuses it again: after
    /// <see cref="NotificationOptions.MaxAttempts"/> such answers it is dead-lettered (logged, kept in memory
    /// and counted) and the queue goes on. An outage (5xx, 408, 429, no connection) keeps it queued: nothing
    /// is dropped because the webhook was away.
    /// </summary>
    private void Failed(Alert alert, AlertRetry? failing, Exception error, DateTime now)
    {
        var attempts = (failing?.Attempts ?? 0) + 1;
        var refused = error is ExternalApiException { StatusCode: >= 400 and < 500 and not 408 and not 429 };
        if (refused && attempts >= notifications.CurrentValue.MaxAttempts)
        {
            Memory.Pending.Remove(alert);
            Memory.Failing.Remove(alert.Key);
            Memory.DeadLettered++;
            Memory.DeadLetters.Add($"{now:u} {alert.Key} after {attempts} attempts: {error.Message} — {alert.Text}");
            if (Memory.DeadLetters.Count > 100)
            {
                Memory.DeadLetters.RemoveAt(0);
            }

            LogDeadLetter(alert.Key, attempts, error.Message);
            Monitoring.BettingMetrics.AgentDeadLetters.Add(1, new KeyValuePair<string, object?>("agent", Name));
            return;
        }

        Memory.Failing[alert.Key] = new AlertRetry(attempts, now + RetryDelay(attempts), error.Message);
    }

    /// <summary>
    /// Once per market day (the replay's day, or the live market's own day, accelerated or not) that has bets:
    /// the ledger's state as a report. A day with no bets yet is not used up: the report goes out once there are some.
    /// </summary>
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

        var r = await UseToolAsync(ToolNames.LedgerReport, () => grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).GetReportAsync());
        if (r.Bets == 0)
        {
            return;
        }

        Memory.LastReportDay = day;
        Memory.LastReportUtc = UtcNow;
        Memory.Pending.Add(
            new Alert(
                $"daily|{day:yyyy-MM-dd}",
                Severity.Info,
                AgentNames.Notification,
                $"Daily report {day:yyyy-MM-dd} ({clock.Mode.ToLowerInvariant()} market day): bankroll {r.Bankroll:F2}, {r.Bets} bets ({r.Open} open), "
                    + $"profit {r.Profit:+0.00;-0.00}, ROI {r.Roi:P1}, "
                    + $"mean CLV {r.MeanClv?.ToString("P1", CultureInfo.InvariantCulture) ?? "-"}, max drawdown {r.MaxDrawdownShare:P1}"
            )
        );
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "[alert] {Text}")]
    private partial void LogAlert(string text);

    [LoggerMessage(Level = LogLevel.Error, Message = "alert {Key} dead-lettered after {Attempts} refusals by the webhook: {Error}")]
    private partial void LogDeadLetter(string key, int attempts, string error);
}

[GenerateSerializer]
[Alias("betting.NotificationMemory")]
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

    /// <summary>Alerts whose last send failed, by key: attempts so far and when to try again.</summary>
    [Id(7)]
    public Dictionary<string, AlertRetry> Failing { get; set; } = [];

    [Id(8)]
    public List<string> DeadLetters { get; set; } = [];

    [Id(9)]
    public long DeadLettered { get; set; }
}

/// <summary>A failing alert's retry schedule.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.AlertRetry")]
public sealed record AlertRetry([property: Id(0)] int Attempts, [property: Id(1)] DateTime NextUtc, [property: Id(2)] string LastError);
