using Orleans.Concurrency;

namespace Orleans.Betting.Clock;

/// <summary>
/// The market clock (key "market"): Replay mode runs simulated time at Speed simulated seconds per
/// real second from its start; persisted, so a restart continues where the clock was.
/// </summary>
public interface IMarketClockGrain : IGrainWithStringKey
{
    const string Key = "market";

    Task<ClockStatus> ConfigureAsync(DateTime startUtc, DateTime? endUtc, double speed, string market);

    [AlwaysInterleave]
    [ClientReadable]
    Task<ClockStatus> GetAsync();

    Task<ClockStatus> AdvanceAsync(TimeSpan by);

    /// <summary>Stops the clock at <paramref name="holdUtc"/> until the hold moves (null lifts it): replay time waits for the work due there.</summary>
    Task<ClockStatus> HoldAtAsync(DateTime? holdUtc);

    Task<ClockStatus> PauseAsync();

    Task<ClockStatus> ResumeAsync();
}
