using System.Diagnostics;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Refit;

namespace Orleans.Betting.ExternalApis;

/// <summary>
/// Stateless worker pool: routes each request to the grain of its key, where de-duplication and
/// caching happen cluster-wide. Reentrant: it only forwards, and a worker must never hold a
/// Critical request in its queue behind Background ones still waiting for tokens.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class ApiWorkerGrain(
    IGrainFactory grains,
    IOddsApi odds,
    IFootballDataApi footballData,
    IOptionsMonitor<OddsApiOptions> oddsOptions,
    IHttpClientFactory httpClients
) : Grain, IApiWorkerGrain
{
    public async Task<ApiProbeResult> RecoveryProbeAsync(string api, CancellationToken cancellationToken = default)
    {
        EnsureKnown(api);

        var key = oddsOptions.CurrentValue.ApiKey;
        if (api == ApiNames.Odds && string.IsNullOrWhiteSpace(key))
        {
            return new ApiProbeResult(api, false, false, 0, $"not configured: {OddsApiOptions.ApiKeyKey} is not set");
        }

        if (!await grains.GetGrain<ITokenBucketGrain>(api).TryTakeProbeTokenAsync())
        {
            return new ApiProbeResult(api, true, false, 0, "no token free for a probe just now");
        }

        var clock = Stopwatch.StartNew();
        try
        {
            using var request =
                api == ApiNames.Odds
                    ? new HttpRequestMessage(HttpMethod.Get, $"v4/sports?apiKey={Uri.EscapeDataString(key!)}")
                    : new HttpRequestMessage(HttpMethod.Head, "");
            using var response = await httpClients
                .CreateClient(BettingGrainServices.RecoveryProbeClient(api))
                .SendAsync(request, cancellationToken);
            var ms = clock.Elapsed.TotalMilliseconds;
            var status = $"HTTP {(int)response.StatusCode}";
            if (api != ApiNames.Odds)
            {
                return (int)response.StatusCode < 500
                    ? new ApiProbeResult(api, true, true, ms, status, ApiProbeEvidence.Answered)
                    : new ApiProbeResult(api, true, false, ms, status, ApiProbeEvidence.HttpError);
            }

            if (!response.IsSuccessStatusCode)
            {
                return new ApiProbeResult(api, true, false, ms, $"{status} {response.ReasonPhrase}", ApiProbeEvidence.HttpError);
            }

            try
            {
                var sports = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<List<OddsSport>>(
                    response.Content,
                    cancellationToken
                );
                return sports is null
                    ? new ApiProbeResult(api, true, false, ms, "malformed: empty body", ApiProbeEvidence.Malformed)
                    : new ApiProbeResult(api, true, true, ms, $"{sports.Count} sports listed", ApiProbeEvidence.Answered);
            }
            catch (System.Text.Json.JsonException e)
            {
                return new ApiProbeResult(api, true, false, ms, $"malformed: {e.Message}", ApiProbeEvidence.Malformed);
            }
        }
        catch (ResponseTooLargeException e)
        {
            return new ApiProbeResult(api, true, false, clock.Elapsed.TotalMilliseconds, e.Message, ApiProbeEvidence.Malformed);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException { InnerException: TimeoutException })
        {
            cancellationToken.ThrowIfCancellationRequested();
            return new ApiProbeResult(
                api,
                false,
                false,
                clock.Elapsed.TotalMilliseconds,
                $"timed out: {e.Message}",
                ApiProbeEvidence.Timeout
            );
        }
        catch (HttpRequestException e)
        {
            return new ApiProbeResult(
                api,
                false,
                false,
                clock.Elapsed.TotalMilliseconds,
                $"connection: {e.Message}",
                ApiProbeEvidence.Connection
            );
        }
    }

    public Task<OddsFetchResult> GetOddsAsync(OddsQuery query, RequestPriority priority, CancellationToken cancellationToken = default) =>
        grains.GetGrain<IOddsRequestGrain>(query.Key).FetchAsync(query, priority, cancellationToken);

    public Task<OddsFetchResult> GetScoresAsync(
        string sport,
        int daysFrom,
        RequestPriority priority,
        CancellationToken cancellationToken = default
    )
    {
        var query = OddsQuery.Scores(sport, daysFrom);
        return grains.GetGrain<IOddsRequestGrain>(query.Key).FetchAsync(query, priority, cancellationToken);
    }

    public async Task<ApiProbeResult> ProbeAsync(string api, CancellationToken cancellationToken = default)
    {
        EnsureKnown(api);

        var bucket = grains.GetGrain<ITokenBucketGrain>(api);
        if (await bucket.GetStateAsync() is { Paused: true } paused)
        {
            return new ApiProbeResult(api, true, false, 0, $"paused until {paused.PausedUntilUtc:HH:mm:ss}: {paused.PauseReason}");
        }

        // A probe calls a free endpoint: as a Critical call it passes a spent quota, and the headers it
        // brings back can say the month has reset (a learned zero never stops the API for good).
        var grant = await bucket.AcquireAsync(RequestPriority.Critical, cancellationToken);
        if (!grant.Granted)
        {
            return new ApiProbeResult(api, true, false, 0, $"refused by the token bucket: {grant.Refusal}");
        }

        var clock = Stopwatch.StartNew();
        using var scope = OutboundCall.Begin(RequestPriority.Critical, firstTokenTaken: true, probe: true);
        try
        {
            if (api == ApiNames.Odds)
            {
                var key = oddsOptions.CurrentValue.ApiKey;
                if (string.IsNullOrWhiteSpace(key))
                {
                    return new ApiProbeResult(api, false, false, 0, $"not configured: {OddsApiOptions.ApiKeyKey} is not set");
                }

                using var response = await odds.GetSportsAsync(key, cancellationToken: cancellationToken);
                var ms = clock.Elapsed.TotalMilliseconds;
                return response switch
                {
                    { Error: ApiRequestException { InnerException: Polly.CircuitBreaker.BrokenCircuitException } } => new ApiProbeResult(
                        api,
                        true,
                        false,
                        ms,
                        "circuit open: calls are held back while the API recovers"
                    ),
                    { Error: ApiRequestException send } => new ApiProbeResult(
                        api,
                        false,
                        false,
                        ms,
                        $"connection: {(send.InnerException ?? send).Message}",
                        send.InnerException is Polly.Timeout.TimeoutRejectedException or OperationCanceledException
                            ? ApiProbeEvidence.Timeout
                            : ApiProbeEvidence.Connection
                    ),
                    { IsSuccessStatusCode: false } => new ApiProbeResult(
                        api,
                        true,
                        false,
                        ms,
                        $"HTTP {(int?)response.StatusCode} {response.ReasonPhrase}",
                        ApiProbeEvidence.HttpError
                    ),
                    { Error: { } error } => new ApiProbeResult(
                        api,
                        true,
                        false,
                        ms,
                        $"malformed: {error.InnerException?.Message ?? error.Message}",
                        ApiProbeEvidence.Malformed
                    ),
                    { Content: null } => new ApiProbeResult(api, true, false, ms, "malformed: empty body", ApiProbeEvidence.Malformed),
                    _ => new ApiProbeResult(api, true, true, ms, $"{response.Content.Count} sports listed", ApiProbeEvidence.Answered),
                };
            }

            using (var response = await footballData.ProbeAsync(cancellationToken))
            {
                // Any HTTP answer means the site is there; the front page need not be 200 to serve the season files.
                return new ApiProbeResult(
                    api,
                    true,
                    (int)response.StatusCode < 500,
                    clock.Elapsed.TotalMilliseconds,
                    $"HTTP {(int)response.StatusCode}",
                    (int)response.StatusCode < 500 ? ApiProbeEvidence.Answered : ApiProbeEvidence.HttpError
                );
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Refit wraps send failures (ApiRequestException); the innermost cause says what happened.
            var cause = e;
            while (cause.InnerException is not null && cause is not Polly.CircuitBreaker.BrokenCircuitException)
            {
                cause = cause.InnerException;
            }

            if (cause is Polly.CircuitBreaker.BrokenCircuitException)
            {
                // Our own breaker refused the call: the API was failing a moment ago; now it is being left alone.
                return new ApiProbeResult(
                    api,
                    true,
                    false,
                    clock.Elapsed.TotalMilliseconds,
                    "circuit open: calls are held back while the API recovers"
                );
            }

            return new ApiProbeResult(
                api,
                false,
                false,
                clock.Elapsed.TotalMilliseconds,
                $"{cause.GetType().Name}: {cause.Message}",
                cause is Polly.Timeout.TimeoutRejectedException or OperationCanceledException or TimeoutException
                    ? ApiProbeEvidence.Timeout
                    : ApiProbeEvidence.Connection
            );
        }
    }

    private static void EnsureKnown(string api)
    {
        if (!ApiNames.All.Contains(api))
        {
            throw new ArgumentException($"no API '{api}': the APIs are {string.Join(", ", ApiNames.All)}");
        }
    }
}
