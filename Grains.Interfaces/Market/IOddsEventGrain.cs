using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Market;

/// <summary>One sporting event's prices over time (key: the API's event id), persisted: line movement and steam.</summary>
public interface IOddsEventGrain : IGrainWithStringKey
{
    /// <summary>Records the snapshot's price history (line movement, steam) and, given the observation, the live market record.</summary>
    Task<EventUpdate> RecordAsync(OddsEvent snapshot, LiveObservation? live = null);

    /// <summary>A decision now: the latest prices become the decision snapshot; returns the match as the strategies will see it.</summary>
    Task<LiveMatchUpdate> DecideAsync(DateTime nowUtc);

    /// <summary>The named source's price now with its bookmaker and time; refused when older than <paramref name="maxAge"/> or at/after commence.</summary>
    Task<LiveOffer> OfferAsync(PriceSource source, Selection selection, DateTime nowUtc, TimeSpan maxAge);

    /// <summary>Captures the close once commence has passed (null when nothing changed).</summary>
    Task<LiveMatchUpdate?> CloseAsync(DateTime nowUtc);

    /// <summary>Settles from a score (a completed one with both teams' scores); the problem says why not otherwise.</summary>
    Task<LiveMatchUpdate> SettleAsync(ScoreEvent score, DateTime nowUtc);

    /// <summary>Voids the event when still without a result <paramref name="voidAfter"/> after kick-off (null when not).</summary>
    Task<LiveMatchUpdate?> VoidIfOverdueAsync(DateTime nowUtc, TimeSpan voidAfter);

    [ClientReadable]
    Task<LiveEventView?> GetAsync();

    [ClientReadable]
    Task<IReadOnlyList<PricePoint>> GetHistoryAsync(PriceSeriesKey series);

    /// <summary>Deletes the stored history (pruning of events long over).</summary>
    Task ForgetAsync();
}
