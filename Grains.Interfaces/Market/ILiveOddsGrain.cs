namespace Orleans.Betting.Market;

/// <summary>
/// Live odds of one sport (key: the API's sport key): polls the odds endpoint through the worker
/// pool, feeds each event's grain, and keeps the board. Polling on a timer, kept alive by a reminder.
/// </summary>
public interface ILiveOddsGrain : IGrainWithStringKey
{
    Task<LivePollReport> PollAsync(LivePollRequest request, CancellationToken cancellationToken = default);

    /// <summary>Interleaves with a poll in progress (a slow upstream must not hold readers such as the health monitor).</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    [ClientReadable]
    Task<LiveBoard> GetBoardAsync();

    Task StartPollingAsync(LivePollRequest request, TimeSpan interval);

    Task StopPollingAsync();

    /// <summary>Polls <paramref name="factor"/> times slower than the configured pace (1 restores it); the health monitor's lever.</summary>
    Task SetSlowdownAsync(double factor, string reason);

    /// <summary>Forgets the events that kicked off before the time, and their price histories; returns how many.</summary>
    Task<int> PruneAsync(DateTime kickedOffBeforeUtc);
}
