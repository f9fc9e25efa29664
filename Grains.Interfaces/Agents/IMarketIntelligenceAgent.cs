namespace Orleans.Betting.Agents;

/// <summary>MarketIntelligence: live odds polling through the API pool at the ApiManager's pace, steam moves turned into alerts and into signals the orchestrator reads.</summary>
public interface IMarketIntelligenceAgent : IAgentGrain
{
    /// <summary>The steam moves seen lately (the last two market days, at most 200), newest last.</summary>
    [ClientReadable]
    Task<IReadOnlyList<SteamSignal>> SteamSignalsAsync();
}
