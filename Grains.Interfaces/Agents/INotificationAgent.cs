namespace Orleans.Betting.Agents;

/// <summary>Notification: alerts and the daily report, never blocking the sender.</summary>
public interface INotificationAgent : IAgentGrain
{
    /// <summary>Queues the alert; a key already sent within the cooldown is dropped (one alert per incident, not a storm).</summary>
    [Orleans.Concurrency.OneWay]
    Task NotifyAsync(Alert alert);

    [Orleans.Concurrency.AlwaysInterleave]
    [ClientReadable]
    Task<IReadOnlyList<string>> SentAsync();
}
