namespace Orleans.Betting.Market;

/// <summary>Which market a quote prices (DESIGN §3).</summary>
public enum MarketType : byte
{
    MatchOdds,
    OverUnder,
    AsianHandicap,
}

/// <summary>The side of a market: Home/Draw/Away for 1X2, Over/Under for totals, Home/Away for Asian handicap.</summary>
public enum Outcome : byte
{
    Home,
    Draw,
    Away,
    Over,
    Under,
}

/// <summary>When a quote was taken: Opening (football-data's early snapshot) or Closing (last before kick-off).</summary>
public enum Phase : byte
{
    Opening,
    Closing,
}

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
    SharpBook, // keep last: the backtest's flat price index is sized by it
}

/// <summary>
/// One price: source × market × outcome × line × phase. <see cref="Line"/> is NaN for 1X2, the
/// goals line for over/under (2.5) and the home handicap for Asian handicap (−0.75); an away AH
/// quote carries the same home line.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct Quote(
    [property: Id(0)] PriceSource Source,
    [property: Id(1)] MarketType Market,
    [property: Id(2)] Outcome Outcome,
    [property: Id(3)] double Line,
    [property: Id(4)] Phase Phase,
    [property: Id(5)] double Price);

[GenerateSerializer, Immutable]
public sealed record MatchResult(
    [property: Id(0)] int HomeGoals,
    [property: Id(1)] int AwayGoals,
    [property: Id(2)] int? HalfTimeHomeGoals,
    [property: Id(3)] int? HalfTimeAwayGoals);

/// <summary>A match with every quote and its result; which of these a strategy may see is decided by time (DESIGN §3).</summary>
[GenerateSerializer, Immutable]
public sealed record MatchRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string League,
    [property: Id(2)] string Season,
    [property: Id(3)] DateTime KickoffUtc,
    [property: Id(4)] string HomeTeam,
    [property: Id(5)] string AwayTeam,
    [property: Id(6)] MatchResult? Result,
    [property: Id(7)] Quote[] Quotes);

/// <summary>One league-season (e.g. E0/2019-2020): its matches in kick-off order.</summary>
[GenerateSerializer, Immutable]
public sealed record SeasonData(
    [property: Id(0)] string League,
    [property: Id(1)] string Season,
    [property: Id(2)] MatchRecord[] Matches,
    [property: Id(3)] string Source)
{
    public string Key => $"{League}/{Season}";
}
