namespace Orleans.Betting.ExternalApis;

/// <summary>
/// The one cluster-wide governor of an external API (key: the API name, e.g. "odds"): a token
/// bucket (refill rate, burst), priority-ordered waiting, the monthly quota learned from response
/// headers, and a pause while the API's circuit is open.
/// </summary>
public interface ITokenBucketGrain : IGrainWithStringKey
{
    /// <summary>
    /// Waits for a token at the priority; false when cancelled or refused (the quota's reserve is
    /// for Critical calls; Critical calls, probes of free endpoints among them, always pass the quota,
    /// so its headers can say the month has reset).
    /// </summary>
    Task<TokenGrant> AcquireAsync(RequestPriority priority, CancellationToken cancellationToken = default);

    /// <summary>A token for a recovery probe, now or not at all: paused or not (the probe is how a pause learns it can end), never queued.</summary>
    Task<bool> TryTakeProbeTokenAsync();

    Task ConfigureAsync(TokenBucketSettings settings);

    /// <summary>
    /// Quota as the API reported it (x-requests-remaining / x-requests-used). It holds until the
    /// month's reset day (market time) or a newer report, whichever comes first.
    /// </summary>
    Task ReportQuotaAsync(long remaining, long used);

    /// <summary>An operator forgets the learned quota (e.g. after buying credits): calls flow until the next headers say otherwise.</summary>
    Task ResetQuotaAsync(string reason);

    /// <summary>Stops serving until the time (the API's circuit is open).</summary>
    Task PauseAsync(DateTime untilUtc, string reason);

    Task ResumeAsync();

    [ClientReadable]
    Task<TokenBucketState> GetStateAsync();
}
