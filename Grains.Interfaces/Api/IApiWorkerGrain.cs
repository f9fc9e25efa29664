using Orleans.Concurrency;

namespace Orleans.Betting.Api;

/// <summary>An odds request, canonicalised so identical requests share one key.</summary>
[GenerateSerializer, Immutable]
public sealed record OddsQuery(
    [property: Id(0)] string Sport,
    [property: Id(1)] string Regions,
    [property: Id(2)] string Markets,
    [property: Id(3)] string OddsFormat = "decimal")
{
    public string Key => $"odds|{Sport.ToLowerInvariant()}|{Canon(Regions)}|{Canon(Markets)}|{OddsFormat.ToLowerInvariant()}";

    private static string Canon(string list) =>
        string.Join(',', list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).Order(StringComparer.Ordinal));
}

[GenerateSerializer, Immutable]
public sealed record OddsFetchResult(
    [property: Id(0)] IReadOnlyList<OddsEvent> Events,
    [property: Id(1)] QuotaHeaders Quota,
    [property: Id(2)] DateTime FetchedUtc,
    [property: Id(3)] bool FromCache,
    [property: Id(4)] double UpstreamMs,
    [property: Id(5)] double TokenWaitMs = 0);

/// <summary>The stateless pool every outbound call goes through (DESIGN §7).</summary>
public interface IApiWorkerGrain : IGrainWithIntegerKey
{
    Task<OddsFetchResult> GetOddsAsync(OddsQuery query, RequestPriority priority, CancellationToken cancellationToken = default);

    /// <summary>
    /// A call to the API that costs no quota (the odds API's sports list; football-data's front
    /// page), for the connectivity auditor. Takes a token like any call, but never waits on a
    /// paused bucket: a paused API is reported as such.
    /// </summary>
    Task<ApiProbeResult> ProbeAsync(string api, CancellationToken cancellationToken = default);
}

[GenerateSerializer, Immutable]
public sealed record ApiProbeResult(
    [property: Id(0)] string Api,
    [property: Id(1)] bool Reachable,
    [property: Id(2)] bool Healthy,
    [property: Id(3)] double LatencyMs,
    [property: Id(4)] string Detail);

/// <summary>One grain per request key: identical in-flight requests share one upstream call, fresh results are served from cache.</summary>
public interface IOddsRequestGrain : IGrainWithStringKey
{
    Task<OddsFetchResult> FetchAsync(OddsQuery query, RequestPriority priority, CancellationToken cancellationToken = default);

    [AlwaysInterleave]
    Task<int> UpstreamCallsAsync();

    /// <summary>Drops the cached response and deactivates (the health monitor's clear-cache remedy).</summary>
    Task ClearAsync();
}
