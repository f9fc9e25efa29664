namespace Orleans.Betting.Quant;

[GenerateSerializer, Immutable]
[Alias("betting.KellyResult")]
public sealed record KellyResult(
    [property: Id(0)] double[] Fractions,
    [property: Id(1)] double[] FullKelly,
    [property: Id(2)] double Fraction,
    [property: Id(3)] double? Reserve,
    [property: Id(4)] double[] Edges
);
