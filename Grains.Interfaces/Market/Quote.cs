namespace Orleans.Betting.Market;

/// <summary>
/// One price: source × market × outcome × line × phase. <see cref="Line"/> is NaN for 1X2, the
/// goals line for over/under (2.5) and the home handicap for Asian handicap (−0.75); an away AH
/// quote carries the same home line.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.Quote")]
public readonly record struct Quote(
    [property: Id(0)] PriceSource Source,
    [property: Id(1)] MarketType Market,
    [property: Id(2)] Outcome Outcome,
    [property: Id(3)] double Line,
    [property: Id(4)] Phase Phase,
    [property: Id(5)] double Price
);
