using Orleans.Betting.Market;

namespace Orleans.Betting.Quant;

/// <summary>
/// One bet and how it settled. It holds no references (the match is an index into the timeline), so
/// a long list of them is a flat block the garbage collector never has to scan.
/// </summary>
public readonly record struct SettledBet(
    int MatchIndex,
    MarketType Market,
    Outcome Outcome,
    double Line,
    PriceSource Source,
    Phase Phase,
    double Price,
    double Stake,
    double Profit,
    double Clv,
    double BankrollAfter
);
