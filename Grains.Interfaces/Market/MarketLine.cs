namespace Orleans.Betting.Market;

/// <summary>One outcome across the books: the best price now, and the line's movement at the reference (sharpest present) book.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.MarketLine")]
public sealed record MarketLine(
    [property: Id(0)] string Market,
    [property: Id(1)] string Outcome,
    [property: Id(2)] double? Point,
    [property: Id(3)] double BestPrice,
    [property: Id(4)] string BestBookmaker,
    [property: Id(5)] string ReferenceBookmaker,
    [property: Id(6)] double ReferenceOpening,
    [property: Id(7)] double ReferenceCurrent,
    [property: Id(8)] int Bookmakers,
    [property: Id(9)] int PriceChanges
);
