using Orleans.Betting.Market;

namespace Orleans.Betting.Quant;

/// <summary>A backtestable strategy: it decides at one phase of each match and sees only a point-in-time view.</summary>
public interface IBacktestStrategy
{
    Phase DecisionPhase { get; }

    void Decide(MarketView view, int match, List<BetIntent> bets);
}
