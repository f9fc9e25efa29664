using System.Globalization;
using Orleans.Betting.Quant;
using Orleans.Concurrency;

namespace Orleans.Betting.Tools;

[StatelessWorker]
public sealed class OddsToolsGrain : Grain, IOddsToolsGrain
{
    public Task<DevigResult> DevigAsync(double[] decimalOdds, string method)
    {
        var book = MarginRemoval.Remove(decimalOdds, MarginRemoval.Parse(method));
        return Task.FromResult(
            new DevigResult(
                MarginRemoval.Name(book.Method),
                book.Probabilities,
                book.Probabilities.Select(p => 1 / p).ToArray(),
                book.Margin,
                book.ParameterName,
                book.Parameter
            )
        );
    }

    public Task<PriceFormats> ConvertAsync(string price)
    {
        var text = price.Trim();
        double dec;
        if (text.Contains('/') || text.Equals("evens", StringComparison.OrdinalIgnoreCase))
        {
            dec = OddsMath.FromFractional(text);
        }
        else if (text.StartsWith('+') || text.StartsWith('-'))
        {
            dec = OddsMath.FromAmerican(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        else if (text.EndsWith('%'))
        {
            dec = OddsMath.FromProbability(double.Parse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture) / 100);
        }
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            dec = d;
        }
        else
        {
            throw new QuantException(
                $"'{price}' is not a price: give decimal (2.5), fractional (3/2), American (+150, -200) or a probability (40%)"
            );
        }

        OddsMath.ValidateDecimal(dec);
        return Task.FromResult(
            new PriceFormats(dec, OddsMath.ToFractional(dec), OddsMath.ToAmerican(dec), OddsMath.ImpliedProbability(dec))
        );
    }

    public Task<KellyResult> KellyAsync(double[] decimalOdds, double[] probabilities, double fraction)
    {
        if (double.IsNaN(fraction) || fraction <= 0 || fraction > 1)
        {
            throw new QuantException($"Kelly fraction {fraction} must be in (0, 1]");
        }

        if (decimalOdds.Length != probabilities.Length)
        {
            throw new QuantException(
                $"{decimalOdds.Length} prices but {probabilities.Length} probabilities: give one probability per price"
            );
        }

        var edges = decimalOdds.Zip(probabilities, (o, p) => o * p - 1).ToArray();
        if (decimalOdds.Length == 1)
        {
            var full = Kelly.Single(decimalOdds[0], probabilities[0]);
            return Task.FromResult(new KellyResult([full * fraction], [full], fraction, null, edges));
        }

        var (fractions, reserve) = Kelly.MutuallyExclusive(decimalOdds, probabilities);
        return Task.FromResult(new KellyResult(fractions.Select(f => f * fraction).ToArray(), fractions, fraction, reserve, edges));
    }
}
