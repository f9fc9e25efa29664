using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Market;

/// <summary>One sporting event's prices over time (key: the API's event id), persisted: line movement and steam.</summary>
public interface IOddsEventGrain : IGrainWithStringKey
{
    Task<EventUpdate> RecordAsync(OddsEvent snapshot);

    Task<LiveEventView?> GetAsync();

    Task<IReadOnlyList<PricePoint>> GetHistoryAsync(PriceSeriesKey series);

    /// <summary>Deletes the stored history (pruning of events long over).</summary>
    Task ForgetAsync();
}
