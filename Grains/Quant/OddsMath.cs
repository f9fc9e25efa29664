using System.Globalization;

namespace Orleans.Betting.Quant;

/// <summary>Price formats and book arithmetic. Decimal odds are the lingua franca everywhere else.</summary>
public static class OddsMath
{
    /// <summary>The longest decimal price anyone quotes (an exchange's ceiling): above it a number is an error, not odds.</summary>
    public const double MaxDecimalPrice = 1000;

    /// <summary>A finite decimal price in (1, <see cref="MaxDecimalPrice"/>].</summary>
    public static bool IsDecimalPrice(double price) => price > 1.0 && price <= MaxDecimalPrice;

    public static void ValidateDecimal(double price, string what = "price")
    {
        if (double.IsNaN(price) || double.IsInfinity(price))
        {
            throw new QuantException($"{what} is {price}: a price must be a finite number");
        }

        if (price <= 1.0)
        {
            throw new QuantException(
                $"{what} {price.ToString(CultureInfo.InvariantCulture)} is not a decimal price: decimal odds must be greater than 1.0"
            );
        }

        if (price > MaxDecimalPrice)
        {
            throw new QuantException(
                $"{what} {price.ToString(CultureInfo.InvariantCulture)} is not a decimal price: no book quotes above {MaxDecimalPrice.ToString(CultureInfo.InvariantCulture)}"
            );
        }
    }

    public static double ImpliedProbability(double decimalOdds)
    {
        ValidateDecimal(decimalOdds);
        return 1.0 / decimalOdds;
    }

    public static double FromProbability(double probability)
    {
        if (double.IsNaN(probability) || probability <= 0 || probability >= 1)
        {
            throw new QuantException($"probability {probability} must lie strictly between 0 and 1");
        }

        return 1.0 / probability;
    }

    /// <summary>American odds: +150 pays 150 per 100 staked, −200 needs 200 staked to win 100.</summary>
    public static double FromAmerican(double american)
    {
        if (double.IsNaN(american) || Math.Abs(american) < 100)
        {
            throw new QuantException($"American odds {american} are invalid: they are ≥ +100 or ≤ −100");
        }

        return american > 0 ? 1 + american / 100.0 : 1 + 100.0 / -american;
    }

    public static double ToAmerican(double decimalOdds)
    {
        ValidateDecimal(decimalOdds);
        return decimalOdds >= 2.0 ? (decimalOdds - 1) * 100.0 : -100.0 / (decimalOdds - 1);
    }

    /// <summary>Fractional odds such as "5/2" or "evens".</summary>
    public static double FromFractional(string fractional)
    {
        var text = fractional.Trim();
        if (text.Equals("evens", StringComparison.OrdinalIgnoreCase) || text.Equals("evs", StringComparison.OrdinalIgnoreCase))
        {
            return 2.0;
        }

        var parts = text.Split('/');
        if (
            parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var numerator)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var denominator)
            || numerator <= 0
            || denominator <= 0
        )
        {
            throw new QuantException($"'{fractional}' is not fractional odds (expected a/b with positive a and b, e.g. 5/2)");
        }

        return 1 + numerator / denominator;
    }

    /// <summary>The nearest fraction with a denominator up to <paramref name="maxDenominator"/> (continued fractions).</summary>
    public static string ToFractional(double decimalOdds, int maxDenominator = 100)
    {
        ValidateDecimal(decimalOdds);
        var x = decimalOdds - 1;
        long h0 = 0,
            h1 = 1,
            k0 = 1,
            k1 = 0;
        var value = x;
        for (var i = 0; i < 64; i++)
        {
            var a = (long)Math.Floor(value);
            var h2 = a * h1 + h0;
            var k2 = a * k1 + k0;
            if (k2 > maxDenominator)
            {
                break;
            }

            (h0, h1, k0, k1) = (h1, h2, k1, k2);
            var fraction = value - a;
            if (fraction < 1e-9)
            {
                break;
            }

            value = 1 / fraction;
        }

        return $"{h1}/{k1}";
    }

    /// <summary>Booksum Σ 1/o_i of a complete market.</summary>
    public static double Booksum(ReadOnlySpan<double> decimalOdds)
    {
        var sum = 0.0;
        for (var i = 0; i < decimalOdds.Length; i++)
        {
            ValidateDecimal(decimalOdds[i], $"price {i + 1}");
            sum += 1.0 / decimalOdds[i];
        }

        return sum;
    }

    /// <summary>Margin (overround) M = booksum − 1.</summary>
    public static double Margin(ReadOnlySpan<double> decimalOdds) => Booksum(decimalOdds) - 1.0;
}
