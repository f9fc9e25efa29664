namespace Orleans.Betting.ExternalApis;

/// <summary>An API's response body is larger than its cap: not transient, so never retried; the body is not read further.</summary>
public sealed class ResponseTooLargeException(string api, long limit, long? declared)
    : Exception(
        declared is { } length
            ? $"{api}: the response declares {length:N0} bytes, over the cap of {limit:N0} (Betting:Apis:{api}:MaxResponseBytes): not read"
            : $"{api}: the response body passed the cap of {limit:N0} bytes (Betting:Apis:{api}:MaxResponseBytes): reading stopped"
    )
{
    public string Api => api;

    public long Limit => limit;
}
