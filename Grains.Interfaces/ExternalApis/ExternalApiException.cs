namespace Orleans.Betting.ExternalApis;

/// <summary>
/// An outbound call that could not produce a value, with a message naming the API, the request and
/// the cause. Part of the contract so callers can tell a sick upstream from a bug.
/// </summary>
[GenerateSerializer]
[Alias("betting.ExternalApiException")]
public sealed class ExternalApiException : Exception
{
    public ExternalApiException(string api, ApiFailure failure, string message, int? statusCode = null)
        : base(message)
    {
        Api = api;
        Failure = failure;
        StatusCode = statusCode;
    }

    [Id(0)]
    public string Api { get; }

    [Id(1)]
    public ApiFailure Failure { get; }

    [Id(2)]
    public int? StatusCode { get; }
}
