namespace Orleans.Betting.Quant;

/// <summary>Stateless odds calculator for the client: margin removal, format conversion, Kelly.</summary>
[ClientReadable]
public interface IOddsToolsGrain : IGrainWithIntegerKey
{
    Task<DevigResult> DevigAsync(double[] decimalOdds, string method);

    Task<PriceFormats> ConvertAsync(string price);

    Task<KellyResult> KellyAsync(double[] decimalOdds, double[] probabilities, double fraction);
}
