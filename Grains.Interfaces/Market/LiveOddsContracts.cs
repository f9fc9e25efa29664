using Orleans.Betting.Api;
using Orleans.Concurrency;

namespace Orleans.Betting.Market;

/// <summary>One observed price of one outcome at one bookmaker, stamped with the bookmaker's update time.</summary>
[GenerateSerializer, Immutable]
public readonly record struct PricePoint([property: Id(0)] DateTime AtUtc, [property: Id(1)] double Price);

/// <summary>Identifies a price series: market, outcome, line (totals/spreads) and bookmaker.</summary>
[GenerateSerializer, Immutable]
public readonly record struct PriceSeriesKey(
    [property: Id(0)] string Market,
    [property: Id(1)] string Outcome,
    [property: Id(2)] double? Point,
    [property: Id(3)] string Bookmaker)
{
    public override string ToString() => $"{Market}|{Outcome}|{Point}|{Bookmaker}";
}

/// <summary>
/// A steam move: the same outcome shortened (or drifted) by at least the threshold in implied
/// probability within the window at several bookmakers at once — money moving the whole market.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SteamMove(
    [property: Id(0)] string Market,
    [property: Id(1)] string Outcome,
    [property: Id(2)] double? Point,
    [property: Id(3)] int Direction,
    [property: Id(4)] IReadOnlyList<string> Bookmakers,
    [property: Id(5)] string FirstMover,
    [property: Id(6)] double FromProbability,
    [property: Id(7)] double ToProbability,
    [property: Id(8)] DateTime StartedUtc,
    [property: Id(9)] DateTime DetectedUtc)
{
    /// <summary>"shortening" when the outcome became more likely (price fell), else "drifting".</summary>
    public string Kind => Direction > 0 ? "shortening" : "drifting";
}

/// <summary>One outcome across the books: the best price now, and the line's movement at the reference (sharpest present) book.</summary>
[GenerateSerializer, Immutable]
public sealed record MarketLine(
    [property: Id(0)] string Market,
    [property: Id(1)] string Outcome,
    [property: Id(2)] double? Point,
    [property: Id(3)] double BestPrice,
    [property: Id(4)] string BestBookmaker,
    [property: Id(5)] string ReferenceBookmaker,
    [property: Id(6)] double ReferenceOpening,
    [property: Id(7)] double ReferenceCurrent,
    [property: Id(8)] int Bookmakers,
    [property: Id(9)] int PriceChanges);

[GenerateSerializer, Immutable]
public sealed record LiveEventView(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Sport,
    [property: Id(2)] string HomeTeam,
    [property: Id(3)] string AwayTeam,
    [property: Id(4)] DateTime CommenceTime,
    [property: Id(5)] IReadOnlyList<MarketLine> Lines,
    [property: Id(6)] IReadOnlyList<SteamMove> Steam,
    [property: Id(7)] int Snapshots,
    [property: Id(8)] DateTime? LastObservedUtc);

[GenerateSerializer, Immutable]
public sealed record EventUpdate([property: Id(0)] int PriceChanges, [property: Id(1)] IReadOnlyList<SteamMove> NewSteam);

/// <summary>One sporting event's prices over time (key: the API's event id), persisted: line movement and steam.</summary>
public interface IOddsEventGrain : IGrainWithStringKey
{
    Task<EventUpdate> RecordAsync(OddsEvent snapshot);

    Task<LiveEventView?> GetAsync();

    Task<IReadOnlyList<PricePoint>> GetHistoryAsync(PriceSeriesKey series);

    /// <summary>Deletes the stored history (pruning of events long over).</summary>
    Task ForgetAsync();
}

[GenerateSerializer, Immutable]
public sealed record LivePollRequest(
    [property: Id(0)] string Regions = "uk,eu",
    [property: Id(1)] string Markets = "h2h,totals",
    [property: Id(2)] RequestPriority Priority = RequestPriority.Normal);

[GenerateSerializer, Immutable]
public sealed record LivePollReport(
    [property: Id(0)] string Sport,
    [property: Id(1)] int Events,
    [property: Id(2)] int PriceChanges,
    [property: Id(3)] IReadOnlyList<SteamMove> NewSteam,
    [property: Id(4)] bool FromCache,
    [property: Id(5)] QuotaHeaders Quota,
    [property: Id(6)] DateTime FetchedUtc);

[GenerateSerializer, Immutable]
public sealed record LiveBoard(
    [property: Id(0)] string Sport,
    [property: Id(1)] IReadOnlyList<LiveEventView> Events,
    [property: Id(2)] long Polls,
    [property: Id(3)] DateTime? LastPollUtc,
    [property: Id(4)] string? LastError,
    [property: Id(5)] LivePollRequest? Polling,
    [property: Id(6)] double? PollSeconds,
    [property: Id(7)] IReadOnlyDictionary<string, DateTime>? BookmakerUpdates = null,
    [property: Id(8)] double Slowdown = 1,
    [property: Id(9)] string? SlowdownReason = null);

/// <summary>
/// Live odds of one sport (key: the API's sport key): polls the odds endpoint through the worker
/// pool, feeds each event's grain, and keeps the board. Polling on a timer, kept alive by a reminder.
/// </summary>
public interface ILiveOddsGrain : IGrainWithStringKey
{
    Task<LivePollReport> PollAsync(LivePollRequest request, CancellationToken cancellationToken = default);

    /// <summary>Interleaves with a poll in progress (a slow upstream must not hold readers such as the health monitor).</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<LiveBoard> GetBoardAsync();

    Task StartPollingAsync(LivePollRequest request, TimeSpan interval);

    Task StopPollingAsync();

    /// <summary>Polls <paramref name="factor"/> times slower than the configured pace (1 restores it); the health monitor's lever.</summary>
    Task SetSlowdownAsync(double factor, string reason);

    /// <summary>Forgets the events that kicked off before the time, and their price histories; returns how many.</summary>
    Task<int> PruneAsync(DateTime kickedOffBeforeUtc);
}
