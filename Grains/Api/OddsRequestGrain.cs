using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Orleans.Concurrency;

namespace Orleans.Betting.Api;

/// <summary>
/// The grain of one request key. Reentrant: callers that arrive while the upstream call is in
/// flight await that same call (one credit spent for all of them); a result younger than the TTL
/// is served from memory. Each upstream call first takes a token from the API's bucket at the
/// caller's priority and reports the quota headers back to it.
/// </summary>
[Reentrant]
public sealed class OddsRequestGrain(IGrainFactory grains, IOddsApi api, IConfiguration configuration) : Grain, IOddsRequestGrain
{
    public const string ApiKeySetting = "Betting:Apis:Odds:ApiKey";
    private Task<OddsFetchResult>? inFlight;
    private OddsFetchResult? cached;
    private int upstreamCalls;

    private TimeSpan Ttl => TimeSpan.FromSeconds(configuration.GetValue("Betting:Apis:Odds:CacheSeconds", 60.0));

    public async Task<OddsFetchResult> FetchAsync(OddsQuery query, RequestPriority priority, CancellationToken cancellationToken = default)
    {
        if (cached is { } fresh && DateTime.UtcNow - fresh.FetchedUtc < Ttl)
        {
            return fresh with { FromCache = true };
        }

        var call = inFlight ??= CallUpstreamAsync(query, priority);
        try
        {
            return await call.WaitAsync(cancellationToken);
        }
        finally
        {
            // The first caller back clears it; a failed call is retried by the next request.
            if (ReferenceEquals(inFlight, call) && call.IsCompleted)
            {
                inFlight = null;
            }
        }
    }

    public Task<int> UpstreamCallsAsync() => Task.FromResult(upstreamCalls);

    private async Task<OddsFetchResult> CallUpstreamAsync(OddsQuery query, RequestPriority priority)
    {
        var key = configuration[ApiKeySetting];
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new InvalidOperationException($"{ApiKeySetting} is not set (environment Betting__Apis__Odds__ApiKey)");
        }

        var bucket = grains.GetGrain<ITokenBucketGrain>("odds");
        var grant = await bucket.AcquireAsync(priority);
        if (!grant.Granted)
        {
            throw new InvalidOperationException($"odds API call refused by its token bucket: {grant.Refusal}");
        }

        upstreamCalls++;
        var clock = Stopwatch.StartNew();
        using var response = await api.GetOddsAsync(query.Sport, key, query.Regions, query.Markets, query.OddsFormat);
        var quota = response.Headers is { } headers ? OddsApiQuota.Parse(headers) : new QuotaHeaders(null, null, null);
        if (quota.Remaining is { } remaining)
        {
            await bucket.ReportQuotaAsync(remaining, quota.Used ?? 0);
        }

        if (!response.IsSuccessStatusCode || response.Content is null)
        {
            throw new InvalidOperationException($"odds API {query.Key}: HTTP {(int?)response.StatusCode} {response.ReasonPhrase}");
        }

        cached = new OddsFetchResult(response.Content, quota, DateTime.UtcNow, false, clock.Elapsed.TotalMilliseconds);
        return cached;
    }
}
