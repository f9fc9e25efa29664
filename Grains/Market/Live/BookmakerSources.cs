namespace Orleans.Betting.Market.Live;

/// <summary>
/// The Odds API's bookmaker keys that are sources in our market model (the football-data columns'
/// books, the exchange's back side, and the synthetic market's books the simulator serves). Every
/// other book still counts in the market maximum and average; a bet on them names the book.
/// </summary>
public static class BookmakerSources
{
    private static readonly Dictionary<string, PriceSource> Sources = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pinnacle"] = PriceSource.Pinnacle,
        ["bet365"] = PriceSource.Bet365,
        ["williamhill"] = PriceSource.WilliamHill,
        ["ladbrokes_uk"] = PriceSource.Ladbrokes,
        ["interwetten"] = PriceSource.Interwetten,
        ["betandwin"] = PriceSource.BetAndWin,
        ["onexbet"] = PriceSource.OneXBet,
        ["betfair_sb_uk"] = PriceSource.Betfair,
        ["betfair_ex_eu"] = PriceSource.BetfairExchange,
        ["betfair_ex_uk"] = PriceSource.BetfairExchange,
        ["betfair_ex_au"] = PriceSource.BetfairExchange,
        ["sharpbook"] = PriceSource.SharpBook,
        ["softbook"] = PriceSource.SoftBook,
        ["valuebook"] = PriceSource.ValueBook,
    };

    public static bool TrySource(string bookmaker, out PriceSource source) => Sources.TryGetValue(bookmaker, out source);
}
