using Orleans.Betting.Market;

namespace Orleans.Betting.Quant;

/// <summary>What a strategy wants to bet: the market side, where and when to take the price, and its probability (for Kelly).</summary>
public readonly record struct BetIntent(
    MarketType Market,
    Outcome Outcome,
    double Line,
    PriceSource Source,
    Phase Phase,
    double Probability
);
