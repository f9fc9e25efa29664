namespace Orleans.Betting.Market;

/// <summary>A bookmaker or a market aggregate (max/avg across a panel of bookmakers).</summary>
public enum PriceSource : byte
{
    Pinnacle,
    Bet365,
    MarketMax,
    MarketAvg,
    BetAndWin,
    Interwetten,
    Ladbrokes,
    WilliamHill,
    VcBet,
    Gamebookers,
    StanJames,
    BlueSquare,
    Betfair,
    BetfairExchange,
    OneXBet,
    SoftBook,
    SharpBook,

    // The synthetic market's sized plant (and its like-for-like twin in the control).
    ValueBook, // keep last: the backtest's flat price index is sized by it
}
