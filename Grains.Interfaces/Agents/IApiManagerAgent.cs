namespace Orleans.Betting.Agents;

/// <summary>ApiManager: watches the API buckets and quotas and advises the polling interval.</summary>
public interface IApiManagerAgent : IAgentGrain
{
    [Orleans.Concurrency.AlwaysInterleave]
    Task<double> RecommendedPollSecondsAsync();
}
