namespace Orleans.Betting.Quant;

[GenerateSerializer, Immutable]
[Alias("betting.DevigResult")]
public sealed record DevigResult(
    [property: Id(0)] string Method,
    [property: Id(1)] double[] Probabilities,
    [property: Id(2)] double[] FairOdds,
    [property: Id(3)] double Margin,
    [property: Id(4)] string? ParameterName,
    [property: Id(5)] double? Parameter
);
