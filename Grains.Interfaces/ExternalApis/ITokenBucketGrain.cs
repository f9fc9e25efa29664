namespace Orleans.Betting.ExternalApis;

/// <summary>
/// The one cluster-wide governor of an external API (key: the API name, e.g. "odds"): a token
/// bucket (refill rate, burst), priority-ordered waiting, the monthly quota learned from response
/// headers, and a pause while the API's circuit is open.
/// </summary>
public interface ITokenBucketGrain : IGrainWithStringKey
{
    /// <summary>Waits for a token at the priority; false when cancelled or refused (quota reserved for Critical).</summary>
    Task<TokenGrant> AcquireAsync(RequestPriority priority, CancellationToken cancellationToken = default);

    Task ConfigureAsync(TokenBucketSettings settings);

    /// <summary>Quota as the API reported it (x-requests-remaining / x-requests-used).</summary>
    Task ReportQuotaAsync(long remaining, long used);

    /// <summary>Stops serving until the time (the API's circuit is open).</summary>
    Task PauseAsync(DateTime untilUtc, string reason);

    Task ResumeAsync();

    Task<TokenBucketState> GetStateAsync();
}
