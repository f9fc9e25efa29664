using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace Orleans.Betting.ExternalApis;

/// <summary>
/// The grain of one request key. Reentrant: callers that arrive while the upstream call is in
/// flight await that same call (one credit spent for all of them); a result younger than the TTL
/// is served from memory. The first attempt's token is taken here, at the caller's priority and
/// outside the HTTP timeouts; retries take theirs in <see cref="ApiCallHandler"/>. Every failure
/// reaches the callers as an <see cref="ExternalApiException"/> that names the request and cause.
/// </summary>
/// <remarks>Randomly placed: request grains are many and short-lived, and spreading them spreads the upstream calls over the silos.</remarks>
[Reentrant, Orleans.Placement.RandomPlacement]
public sealed class OddsRequestGrain(IGrainFactory grains, IOddsApi api, IOptionsMonitor<OddsApiOptions> options, TimeProvider time)
    : Grain,
        IOddsRequestGrain
{
    private Task<OddsFetchResult>? inFlight;
    private RequestPriority waitingAt;
    private TaskCompletionSource<RequestPriority>? escalation; // set while the in-flight call waits for its token
    private OddsFetchResult? cached;
    private int upstreamCalls;

    private TimeSpan Ttl => options.CurrentValue.CacheTtl;

    private IApiUsageGrain Usage => grains.GetGrain<IApiUsageGrain>(ApiNames.Odds);

    private static void Served(ApiServedFrom from) =>
        Monitoring.BettingMetrics.ApiRequests.Add(
            1,
            new KeyValuePair<string, object?>("api", ApiNames.Odds),
            new KeyValuePair<string, object?>("served", from.ToString())
        );

    public async Task<OddsFetchResult> FetchAsync(OddsQuery query, RequestPriority priority, CancellationToken cancellationToken = default)
    {
        if (cached is { } fresh && time.GetUtcNow().UtcDateTime - fresh.FetchedUtc < Ttl)
        {
            Usage.RecordServedAsync(ApiServedFrom.Cache).Ignore();
            Served(ApiServedFrom.Cache);
            return fresh with { FromCache = true };
        }

        var joined = inFlight is not null;
        if (joined && escalation is { } waiting && priority < waitingAt)
        {
            // A more urgent caller joins a call still queued for its token: the call moves up to its class.
            waitingAt = priority;
            waiting.TrySetResult(priority);
        }

        var call = inFlight ??= CallUpstreamAsync(query, priority);
        try
        {
            var result = await call.WaitAsync(cancellationToken);
            Usage.RecordServedAsync(joined ? ApiServedFrom.InFlight : ApiServedFrom.Upstream).Ignore();
            Served(joined ? ApiServedFrom.InFlight : ApiServedFrom.Upstream);
            return result;
        }
        catch (Exception e)
        {
            Usage.RecordServedAsync(ApiServedFrom.Failed, (e as ExternalApiException)?.Failure, query.Key).Ignore();
            Served(ApiServedFrom.Failed);
            throw;
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

    public Task ClearAsync()
    {
        cached = null;
        DeactivateOnIdle(); // nothing this activation learnt from a bad period survives
        return Task.CompletedTask;
    }

    private async Task<OddsFetchResult> CallUpstreamAsync(OddsQuery query, RequestPriority priority)
    {
        var key = options.CurrentValue.ApiKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ExternalApiException(
                ApiNames.Odds,
                ApiFailure.NotConfigured,
                $"{OddsApiOptions.ApiKeyKey} is not set (environment Betting__Apis__Odds__ApiKey)"
            );
        }

        var grant = await AcquireTokenAsync(priority);
        if (!grant.Granted)
        {
            throw new ExternalApiException(
                ApiNames.Odds,
                ApiFailure.Refused,
                $"odds {query.Key}: refused by the token bucket: {grant.Refusal}"
            );
        }

        upstreamCalls++;
        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(options.CurrentValue.CallDeadline);
        if (query.ScoresDaysFrom is { } daysFrom)
        {
            var (scores, scoresQuota) = await SendAsync(
                query,
                priority,
                () => api.GetScoresAsync(query.Sport, key, daysFrom, deadline.Token)
            );
            cached = new OddsFetchResult(
                [],
                scoresQuota,
                time.GetUtcNow().UtcDateTime,
                false,
                clock.Elapsed.TotalMilliseconds,
                grant.WaitedMs,
                scores
            );
            return cached;
        }

        var (events, quota) = await SendAsync(
            query,
            priority,
            () => api.GetOddsAsync(query.Sport, key, query.Regions, query.Markets, query.OddsFormat, deadline.Token)
        );
        cached = new OddsFetchResult(events, quota, time.GetUtcNow().UtcDateTime, false, clock.Elapsed.TotalMilliseconds, grant.WaitedMs);
        return cached;
    }

    /// <summary>One upstream call (the first token already taken); every failure becomes an <see cref="ExternalApiException"/> naming the request.</summary>
    private static async Task<(List<T> Content, QuotaHeaders Quota)> SendAsync<T>(
        OddsQuery query,
        RequestPriority priority,
        Func<Task<ApiResponse<List<T>>>> send
    )
    {
        ApiResponse<List<T>> response;
        using (OutboundCall.Begin(priority, firstTokenTaken: true))
        {
            try
            {
                response = await send();
            }
            catch (Exception e) when (Classify(e) is { } failure)
            {
                throw new ExternalApiException(ApiNames.Odds, failure.Failure, $"odds {query.Key}: {failure.Message}");
            }
        }

        using (response)
        {
            // Refit hands send failures (connection, timeout, open circuit) back inside the response.
            if (response.Error is ApiRequestException sendFailure)
            {
                var cause = sendFailure.InnerException ?? sendFailure;
                var (failure, message) = Classify(cause) ?? (ApiFailure.Connection, $"the request failed: {cause.Message}");
                throw new ExternalApiException(ApiNames.Odds, failure, $"odds {query.Key}: {message}");
            }

            var quota = response.Headers is { } headers ? OddsApiQuota.Parse(headers) : new QuotaHeaders(null, null, null);
            if (!response.IsSuccessStatusCode)
            {
                throw new ExternalApiException(
                    ApiNames.Odds,
                    ApiFailure.HttpError,
                    $"odds {query.Key}: HTTP {(int?)response.StatusCode} {response.ReasonPhrase}{ErrorDetail(response.Error as ApiException)}",
                    (int?)response.StatusCode
                );
            }

            if (response.Error is { } error || response.Content is null)
            {
                throw new ExternalApiException(
                    ApiNames.Odds,
                    ApiFailure.MalformedResponse,
                    $"odds {query.Key}: the response was not valid JSON of its kind ({response.Error?.Innermost().Message ?? "empty body"})"
                );
            }

            return (response.Content, quota);
        }
    }

    /// <summary>
    /// Waits for a token at the priority, re-queuing at a higher one when a more urgent caller
    /// joins meanwhile (no priority inversion behind a Background request with the same key).
    /// </summary>
    private async Task<TokenGrant> AcquireTokenAsync(RequestPriority priority)
    {
        var bucket = grains.GetGrain<ITokenBucketGrain>(ApiNames.Odds);
        var started = Stopwatch.GetTimestamp();
        waitingAt = priority;
        try
        {
            while (true)
            {
                escalation = new TaskCompletionSource<RequestPriority>(TaskCreationOptions.RunContinuationsAsynchronously);
                using var abandon = new CancellationTokenSource();
                var acquire = bucket.AcquireAsync(waitingAt, abandon.Token);
                if (await Task.WhenAny(acquire, escalation.Task) == acquire)
                {
                    var grant = await acquire;
                    Monitoring.BettingMetrics.TokenWait.Record(
                        Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                        new KeyValuePair<string, object?>("api", ApiNames.Odds),
                        new KeyValuePair<string, object?>("priority", waitingAt.ToString())
                    );
                    return grant with { WaitedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds };
                }

                abandon.Cancel();
                try
                {
                    if (await acquire is { Granted: true } lucky)
                    {
                        return lucky with { WaitedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds }; // granted just before the switch
                    }
                }
                catch (OperationCanceledException)
                {
                    // The abandoned wait was cancelled before it reached the bucket: nothing taken.
                }
            }
        }
        finally
        {
            escalation = null;
        }
    }

    private static (ApiFailure Failure, string Message)? Classify(Exception e) =>
        e switch
        {
            ExternalApiException => null, // already says what happened
            BrokenCircuitException b => (
                ApiFailure.CircuitOpen,
                $"the API's circuit is open{(b.RetryAfter is { } after ? $", retry in {after.TotalSeconds:F0} s" : "")} after repeated failures"
            ),
            ResponseTooLargeException big => (ApiFailure.TooLarge, big.Message),
            TimeoutRejectedException t => (ApiFailure.Timeout, $"timed out: {t.Message}"),
            OperationCanceledException => (ApiFailure.Timeout, "timed out"),
            HttpRequestException { InnerException: TimeoutException } h => (ApiFailure.Timeout, $"timed out after retries: {h.Message}"),
            HttpRequestException h => (ApiFailure.Connection, $"connection failed after retries: {h.Innermost().Message}"),
            JsonException or ApiException => (
                ApiFailure.MalformedResponse,
                $"the response was not valid odds JSON ({e.Innermost().Message})"
            ),
            _ => null,
        };

    private static string ErrorDetail(ApiException? error) =>
        error?.Content is { Length: > 0 } body ? $": {(body.Length > 200 ? body[..200] : body)}" : "";
}
