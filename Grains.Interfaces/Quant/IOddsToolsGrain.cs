namespace Orleans.Betting.Quant;

/// <summary>Stateless odds calculator for the client: margin removal, format conversion, Kelly.</summary>
public interface IOddsToolsGrain : IGrainWithIntegerKey
{
    Task<DevigResult> DevigAsync(double[] decimalOdds, string method);

    Task<PriceFormats> ConvertAsync(string price);

    Task<KellyResult> KellyAsync(double[] decimalOdds, double[] probabilities, double fraction);
}

[GenerateSerializer, Immutable]
public sealed record DevigResult(
    [property: Id(0)] string Method,
    [property: Id(1)] double[] Probabilities,
    [property: Id(2)] double[] FairOdds,
    [property: Id(3)] double Margin,
    [property: Id(4)] string? ParameterName,
    [property: Id(5)] double? Parameter);

[GenerateSerializer, Immutable]
public sealed record PriceFormats(
    [property: Id(0)] double Decimal,
    [property: Id(1)] string Fractional,
    [property: Id(2)] double American,
    [property: Id(3)] double ImpliedProbability);

[GenerateSerializer, Immutable]
public sealed record KellyResult(
    [property: Id(0)] double[] Fractions,
    [property: Id(1)] double[] FullKelly,
    [property: Id(2)] double Fraction,
    [property: Id(3)] double? Reserve,
    [property: Id(4)] double[] Edges);
