namespace Orleans.Betting.Agents;

/// <summary>DataEngineering: prepares the market (generation or import, quality checks) and computes cached features.</summary>
public interface IDataEngineeringAgent : IAgentGrain
{
    Task<MarketLayout> PrepareMarketAsync(MarketSettings settings);

    [ClientReadable]
    Task<IReadOnlyList<SeasonMarketFacts>> SeasonFactsAsync(IReadOnlyList<string> leagues, IReadOnlyList<string> seasons);
}
