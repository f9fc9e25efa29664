namespace Orleans.Betting.Market;

/// <summary>Identifies a price series: market, outcome, line (totals/spreads) and bookmaker.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.PriceSeriesKey")]
public readonly record struct PriceSeriesKey(
    [property: Id(0)] string Market,
    [property: Id(1)] string Outcome,
    [property: Id(2)] double? Point,
    [property: Id(3)] string Bookmaker
)
{
    public override string ToString() => $"{Market}|{Outcome}|{Point}|{Bookmaker}";
}
