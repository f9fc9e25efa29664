namespace Orleans.Betting.ExternalApis;

/// <summary>How one upstream attempt ended.</summary>
public enum ApiCallOutcome
{
    Success,
    HttpError,
    RateLimited,
    Timeout,
    Connection,

    /// <summary>The body was over the API's byte cap: not read further, not retried.</summary>
    TooLarge,
}
