using Orleans.Concurrency;

namespace Orleans.Betting.ExternalApis;

/// <summary>Per-API usage (key: the API name): every upstream attempt and every request served, for the client and the monitors.</summary>
public interface IApiUsageGrain : IGrainWithStringKey
{
    [OneWay]
    Task RecordAttemptAsync(ApiCallRecord call);

    /// <summary>A request answered; a failed one names its cause (an <see cref="ApiFailure"/>) and request key.</summary>
    [OneWay]
    Task RecordServedAsync(ApiServedFrom servedFrom, ApiFailure? failure = null, string? requestKey = null);

    /// <summary>A silo's circuit for this API changed state.</summary>
    [OneWay]
    Task RecordCircuitAsync(string silo, CircuitState state, DateTime? untilUtc);

    [ClientReadable]
    Task<ApiUsage> GetUsageAsync();
}
