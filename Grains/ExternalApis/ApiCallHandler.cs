using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;

namespace Orleans.Betting.ExternalApis;

/// <summary>
/// The innermost handler of an API's HttpClient, inside the resilience pipeline, so it sees every
/// attempt: takes a token from the API's bucket (unless the grain already took the first one),
/// reports the quota headers to the bucket, and records latency, outcome and cost of the attempt.
/// </summary>
/// <remarks>Outside a silo (no grain factory) it only passes the call on.</remarks>
public sealed class ApiCallHandler(string api, IGrainFactory? grains, string silo, TimeProvider time, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (grains is null)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var bucket = grains.GetGrain<ITokenBucketGrain>(api);
        var call = OutboundCall.Current;
        double waited = 0;
        if (call is null || !call.TryUsePrepaidToken())
        {
            // A retry (or a call from outside the pool): it already queued once, so it goes ahead of new work.
            var grant = await bucket.AcquireAsync(call is null ? RequestPriority.Normal : RequestPriority.Critical, cancellationToken);
            if (!grant.Granted)
            {
                throw new ExternalApiException(api, ApiFailure.Refused, $"{api} API call refused by its token bucket: {grant.Refusal}");
            }

            waited = grant.WaitedMs;
        }

        var clock = Stopwatch.StartNew();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var quota = OddsApiQuota.Parse(response.Headers);
            if (quota.Remaining is { } remaining)
            {
                await bucket.ReportQuotaAsync(remaining, quota.Used ?? 0);
            }

            var outcome =
                response.IsSuccessStatusCode ? ApiCallOutcome.Success
                : response.StatusCode == HttpStatusCode.TooManyRequests ? ApiCallOutcome.RateLimited
                : ApiCallOutcome.HttpError;
            Record(
                outcome,
                (int)response.StatusCode,
                clock.Elapsed.TotalMilliseconds,
                quota.Last,
                waited,
                outcome == ApiCallOutcome.Success ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}"
            );
            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Record(ApiCallOutcome.Timeout, null, clock.Elapsed.TotalMilliseconds, null, waited, "attempt timed out or was cancelled");
            throw;
        }
        catch (HttpRequestException e)
        {
            Record(ApiCallOutcome.Connection, null, clock.Elapsed.TotalMilliseconds, null, waited, $"connection: {e.Message}");
            throw;
        }
        catch (ResponseTooLargeException e)
        {
            Record(ApiCallOutcome.TooLarge, null, clock.Elapsed.TotalMilliseconds, null, waited, e.Message);
            throw;
        }
    }

    private void Record(ApiCallOutcome outcome, int? status, double latencyMs, long? cost, double waitedMs, string? error)
    {
        if (outcome != ApiCallOutcome.Success)
        {
            ExternalApisLog.AttemptFailed(logger, api, silo, outcome, error);
        }

        Monitoring.BettingMetrics.ApiCalls.Add(
            1,
            new KeyValuePair<string, object?>("api", api),
            new KeyValuePair<string, object?>("outcome", outcome.ToString())
        );
        Monitoring.BettingMetrics.ApiLatency.Record(latencyMs, new KeyValuePair<string, object?>("api", api));

        if (OutboundCall.Current?.Probe == true)
        {
            return;
        }

        // One-way: monitoring never slows or fails the call.
        grains!
            .GetGrain<IApiUsageGrain>(api)
            .RecordAttemptAsync(new ApiCallRecord(silo, outcome, status, latencyMs, cost, waitedMs, error, time.GetUtcNow().UtcDateTime))
            .Ignore();
    }
}
