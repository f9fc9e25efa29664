namespace Orleans.Betting.ExternalApis;

/// <summary>How one upstream attempt ended.</summary>
public enum ApiCallOutcome
{
    Success,
    HttpError,
    RateLimited,
    Timeout,
    Connection,
}
