using Orleans.Concurrency;

namespace Orleans.Betting.Api;

/// <summary>
/// Stateless worker pool: routes each request to the grain of its key, where de-duplication and
/// caching happen cluster-wide. Reentrant: it only forwards, and a worker must never hold a
/// Critical request in its queue behind Background ones still waiting for tokens.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class ApiWorkerGrain(IGrainFactory grains) : Grain, IApiWorkerGrain
{
    public Task<OddsFetchResult> GetOddsAsync(OddsQuery query, RequestPriority priority, CancellationToken cancellationToken = default) =>
        grains.GetGrain<IOddsRequestGrain>(query.Key).FetchAsync(query, priority, cancellationToken);
}
