namespace Orleans.Betting.ExternalApis;

/// <summary>Why an outbound call gave no value.</summary>
public enum ApiFailure
{
    /// <summary>The API's circuit is open (too many failures lately); try again after the break.</summary>
    CircuitOpen,
    Timeout,

    /// <summary>The API answered with an error status after any retries (5xx, 429, 401, 422...).</summary>
    HttpError,

    /// <summary>The answer arrived but was not the JSON the contract promises (truncated, wrong shape).</summary>
    MalformedResponse,

    /// <summary>The connection failed or was reset, after retries.</summary>
    Connection,

    /// <summary>The cluster's own governor refused: quota spent or reserved for Critical calls, or the caller cancelled.</summary>
    Refused,

    /// <summary>The silo is not configured for the API (no key).</summary>
    NotConfigured,

    /// <summary>The response body was over the API's byte cap (Betting:Apis:{api}:MaxResponseBytes).</summary>
    TooLarge,
}
