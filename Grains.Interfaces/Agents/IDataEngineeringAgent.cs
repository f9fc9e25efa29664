namespace Orleans.Betting.Agents;

/// <summary>DataEngineering: prepares the market (generation or import, quality checks) and computes cached features.</summary>
public interface IDataEngineeringAgent : IAgentGrain
{
    Task<MarketLayout> PrepareMarketAsync(MarketSettings settings);

    /// <summary>
    /// Computes and caches the facts of the seasons asked for: an operator method (not a read), since
    /// it stores what it computes under the keys it is given.
    /// </summary>
    Task<IReadOnlyList<SeasonMarketFacts>> SeasonFactsAsync(IReadOnlyList<string> leagues, IReadOnlyList<string> seasons);
}
