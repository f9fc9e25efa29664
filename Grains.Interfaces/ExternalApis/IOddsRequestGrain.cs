using Orleans.Concurrency;

namespace Orleans.Betting.ExternalApis;

/// <summary>One grain per request key: identical in-flight requests share one upstream call, fresh results are served from cache.</summary>
public interface IOddsRequestGrain : IGrainWithStringKey
{
    Task<OddsFetchResult> FetchAsync(OddsQuery query, RequestPriority priority, CancellationToken cancellationToken = default);

    [AlwaysInterleave]
    [ClientReadable]
    Task<int> UpstreamCallsAsync();

    /// <summary>Drops the cached response and deactivates (the health monitor's clear-cache remedy).</summary>
    Task ClearAsync();
}
