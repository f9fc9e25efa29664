namespace Orleans.Betting.Agents;

/// <summary>ApiManager: watches the API buckets and quotas and advises the polling interval.</summary>
public interface IApiManagerAgent : IAgentGrain
{
    /// <summary>Wall seconds between polls; infinity: stop polling until the month resets (the reserve is for Critical calls).</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    [ClientReadable]
    Task<double> RecommendedPollSecondsAsync();

    [Orleans.Concurrency.AlwaysInterleave]
    [ClientReadable]
    Task<ExternalApis.QuotaPlanView?> QuotaPlanAsync();
}
