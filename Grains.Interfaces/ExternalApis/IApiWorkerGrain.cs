namespace Orleans.Betting.ExternalApis;

/// <summary>The stateless pool every outbound call goes through (DESIGN §7).</summary>
public interface IApiWorkerGrain : IGrainWithIntegerKey
{
    Task<OddsFetchResult> GetOddsAsync(OddsQuery query, RequestPriority priority, CancellationToken cancellationToken = default);

    /// <summary>A sport's scores (completed and live events of the last 1–3 days) through the same bucket, cache and de-duplication.</summary>
    Task<OddsFetchResult> GetScoresAsync(
        string sport,
        int daysFrom,
        RequestPriority priority,
        CancellationToken cancellationToken = default
    );

    /// <summary>
    /// A call to the API that costs no quota (the odds API's sports list; football-data's front
    /// page), for the connectivity auditor. Takes a token like any call, but never waits on a
    /// paused bucket: a paused API is reported as such.
    /// </summary>
    Task<ApiProbeResult> ProbeAsync(string api, CancellationToken cancellationToken = default);

    /// <summary>
    /// The health monitor's check that a fault has ended: one attempt at the same free endpoint,
    /// straight to the API, past our own pause and circuit breaker (they hold traffic back while the
    /// API recovers; this call is how we learn that it has). It still takes a token of the bucket's
    /// rate, never waiting for one, and its failures open no breaker.
    /// </summary>
    Task<ApiProbeResult> RecoveryProbeAsync(string api, CancellationToken cancellationToken = default);
}
