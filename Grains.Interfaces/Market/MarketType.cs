namespace Orleans.Betting.Market;

/// <summary>Which market a quote prices (DESIGN §3).</summary>
public enum MarketType : byte
{
    MatchOdds,
    OverUnder,
    AsianHandicap,
}
