namespace Orleans.Betting.Market;

/// <summary>
/// Which football-data.co.uk column holds which quote, across every era of the files (Betbrain
/// Bb* aggregates until 2018-19, Max/Avg after; closing columns carry a C). Columns are looked up
/// by name, never by position.
/// </summary>
public static class FootballDataColumns
{
    public sealed record PriceColumn(
        string Name,
        PriceSource Source,
        MarketType Market,
        Outcome Outcome,
        Phase Phase,
        string? LineColumn,
        double FixedLine
    );

    public static IReadOnlyList<PriceColumn> Prices { get; } = Build();

    private static List<PriceColumn> Build()
    {
        var list = new List<PriceColumn>();
        var books = new (string Prefix, PriceSource Source)[]
        {
            ("PS", PriceSource.Pinnacle),
            ("B365", PriceSource.Bet365),
            ("BW", PriceSource.BetAndWin),
            ("IW", PriceSource.Interwetten),
            ("LB", PriceSource.Ladbrokes),
            ("WH", PriceSource.WilliamHill),
            ("VC", PriceSource.VcBet),
            ("GB", PriceSource.Gamebookers),
            ("SJ", PriceSource.StanJames),
            ("BS", PriceSource.BlueSquare),
            ("BF", PriceSource.Betfair),
            ("BFE", PriceSource.BetfairExchange),
            ("1XB", PriceSource.OneXBet),
            ("Max", PriceSource.MarketMax),
            ("Avg", PriceSource.MarketAvg),
            ("BbMx", PriceSource.MarketMax),
            ("BbAv", PriceSource.MarketAvg),
        };
        var sides = new (string Suffix, Outcome Outcome)[] { ("H", Outcome.Home), ("D", Outcome.Draw), ("A", Outcome.Away) };

        // 1X2: <book><H|D|A> opening, <book>C<H|D|A> closing (Betbrain aggregates have no closing).
        foreach (var (prefix, source) in books)
        {
            foreach (var (suffix, outcome) in sides)
            {
                list.Add(new PriceColumn(prefix + suffix, source, MarketType.MatchOdds, outcome, Phase.Opening, null, double.NaN));
                if (!prefix.StartsWith("Bb", StringComparison.Ordinal))
                {
                    list.Add(
                        new PriceColumn(prefix + "C" + suffix, source, MarketType.MatchOdds, outcome, Phase.Closing, null, double.NaN)
                    );
                }
            }
        }

        // Over/under 2.5: <book>>2.5 / <book><2.5, closing <book>C>2.5.
        var totals = new (string Prefix, PriceSource Source, bool HasClosing)[]
        {
            ("P", PriceSource.Pinnacle, true),
            ("B365", PriceSource.Bet365, true),
            ("Max", PriceSource.MarketMax, true),
            ("Avg", PriceSource.MarketAvg, true),
            ("BFE", PriceSource.BetfairExchange, true),
            ("BbMx", PriceSource.MarketMax, false),
            ("BbAv", PriceSource.MarketAvg, false),
        };
        foreach (var (prefix, source, hasClosing) in totals)
        {
            foreach (var (sign, outcome) in new[] { (">", Outcome.Over), ("<", Outcome.Under) })
            {
                list.Add(new PriceColumn($"{prefix}{sign}2.5", source, MarketType.OverUnder, outcome, Phase.Opening, null, 2.5));
                if (hasClosing)
                {
                    list.Add(new PriceColumn($"{prefix}C{sign}2.5", source, MarketType.OverUnder, outcome, Phase.Closing, null, 2.5));
                }
            }
        }

        // Asian handicap: the line is its own column (home view); prices for home (H) and away (A).
        var handicaps = new (string Open, string? Close, PriceSource Source, string OpenLine, string? CloseLine)[]
        {
            ("PAH", "PCAH", PriceSource.Pinnacle, "AHh", "AHCh"),
            ("B365AH", "B365CAH", PriceSource.Bet365, "AHh", "AHCh"),
            ("MaxAH", "MaxCAH", PriceSource.MarketMax, "AHh", "AHCh"),
            ("AvgAH", "AvgCAH", PriceSource.MarketAvg, "AHh", "AHCh"),
            ("BbMxAH", null, PriceSource.MarketMax, "BbAHh", null),
            ("BbAvAH", null, PriceSource.MarketAvg, "BbAHh", null),
        };
        foreach (var (open, close, source, openLine, closeLine) in handicaps)
        {
            foreach (var (suffix, outcome) in new[] { ("H", Outcome.Home), ("A", Outcome.Away) })
            {
                list.Add(new PriceColumn(open + suffix, source, MarketType.AsianHandicap, outcome, Phase.Opening, openLine, double.NaN));
                if (close is not null)
                {
                    list.Add(
                        new PriceColumn(close + suffix, source, MarketType.AsianHandicap, outcome, Phase.Closing, closeLine, double.NaN)
                    );
                }
            }
        }

        return list;
    }
}
