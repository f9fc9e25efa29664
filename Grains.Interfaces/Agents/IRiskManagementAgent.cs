using Orleans.Betting.Ledger;

namespace Orleans.Betting.Agents;

/// <summary>RiskManagement: Kelly sizing within exposure caps per match, day and league, a bankroll floor, vetoes with reasons.</summary>
public interface IRiskManagementAgent : IAgentGrain
{
    Task<RiskDecision> SizeAsync(IReadOnlyList<PaperBet> proposed);
}
