namespace Orleans.Betting.Api;

/// <summary>Priority classes of outbound calls, served in this order, FIFO within a class.</summary>
public enum RequestPriority
{
    Critical,
    High,
    Normal,
    Background,
}

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

[GenerateSerializer, Immutable]
public sealed record TokenBucketSettings(
    [property: Id(0)] double TokensPerSecond,
    [property: Id(1)] int Burst,
    [property: Id(2)] long QuotaReserveForCritical = 0);

[GenerateSerializer, Immutable]
public sealed record TokenGrant(
    [property: Id(0)] bool Granted,
    [property: Id(1)] double WaitedMs,
    [property: Id(2)] string? Refusal);

[GenerateSerializer, Immutable]
public sealed record TokenBucketState(
    [property: Id(0)] string Api,
    [property: Id(1)] double TokensPerSecond,
    [property: Id(2)] int Burst,
    [property: Id(3)] long AvailableTokens,
    [property: Id(4)] IReadOnlyDictionary<RequestPriority, int> Waiting,
    [property: Id(5)] long? QuotaRemaining,
    [property: Id(6)] long? QuotaUsed,
    [property: Id(7)] bool Paused,
    [property: Id(8)] DateTime? PausedUntilUtc,
    [property: Id(9)] string? PauseReason,
    [property: Id(10)] long Granted,
    [property: Id(11)] long Pauses = 0);

/// <summary>The external APIs the cluster governs, each with its token-bucket grain of the same name.</summary>
public static class ApiNames
{
    public const string Odds = "odds";
    public const string FootballData = "football-data";

    /// <summary>Not governed by a bucket (our own alerts); named for its resilience options.</summary>
    public const string Webhook = "webhook";

    public static IReadOnlyList<string> All { get; } = [Odds, FootballData];
}
