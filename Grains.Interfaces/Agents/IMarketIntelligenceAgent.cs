namespace Orleans.Betting.Agents;

/// <summary>MarketIntelligence: live odds polling through the API pool at the ApiManager's pace, steam moves turned into alerts.</summary>
public interface IMarketIntelligenceAgent : IAgentGrain { }
