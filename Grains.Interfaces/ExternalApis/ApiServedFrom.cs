namespace Orleans.Betting.ExternalApis;

/// <summary>How a caller's request was answered by the pool.</summary>
public enum ApiServedFrom
{
    Upstream,
    Cache,

    /// <summary>Joined an identical request already in flight.</summary>
    InFlight,
    Failed,
}
