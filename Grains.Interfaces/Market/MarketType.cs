namespace Orleans.Betting.Market;

/// <summary>Which market a quote prices (DESIGN §3).</summary>
public enum MarketType : byte
{
    MatchOdds,
    OverUnder,
    AsianHandicap,

    /// <summary>Two-way winner with no draw (basketball, American football, tennis: the Odds API's h2h there); a tie voids it.</summary>
    MoneyLine,
}
