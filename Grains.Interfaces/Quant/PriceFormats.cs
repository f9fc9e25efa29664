namespace Orleans.Betting.Quant;

[GenerateSerializer, Immutable]
[Alias("betting.PriceFormats")]
public sealed record PriceFormats(
    [property: Id(0)] double Decimal,
    [property: Id(1)] string Fractional,
    [property: Id(2)] double American,
    [property: Id(3)] double ImpliedProbability
);
