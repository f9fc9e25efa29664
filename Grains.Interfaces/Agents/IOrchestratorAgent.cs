namespace Orleans.Betting.Agents;

/// <summary>The Orchestrator: the cycle on the market clock (its work is driven by its own ticks).</summary>
public interface IOrchestratorAgent : IAgentGrain
{
    /// <summary>
    /// Live: decides and trades what is due at this moment instead of waiting for the next tick (the
    /// tick-to-decision benchmark's trigger; an operator's "act now"). Returns the bets placed.
    /// </summary>
    Task<int> TradeNowAsync();
}
