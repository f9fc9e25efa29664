namespace Orleans.Betting.Quant;

/// <summary>Kelly fractions of bankroll (quant reference, "Kelly staking").</summary>
public static class Kelly
{
    /// <summary>f* = max(0, (p·o − 1)/(o − 1)); commission c turns o into 1 + (o − 1)(1 − c).</summary>
    public static double Single(double decimalOdds, double probability, double commission = 0)
    {
        OddsMath.ValidateDecimal(decimalOdds);
        CheckProbability(probability, "probability");
        var o = 1 + (decimalOdds - 1) * (1 - commission);
        return Math.Max(0, (probability * o - 1) / (o - 1));
    }

    /// <summary>
    /// Simultaneous Kelly for mutually exclusive outcomes of one match (Smoczynski &amp; Tomkins):
    /// stakes f_i = p_i − R/o_i on the chosen set S, which may include a hedge.
    /// </summary>
    public static (double[] Fractions, double Reserve) MutuallyExclusive(
        ReadOnlySpan<double> decimalOdds,
        ReadOnlySpan<double> probabilities
    )
    {
        if (decimalOdds.Length != probabilities.Length || decimalOdds.Length == 0)
        {
            throw new QuantException(
                $"odds ({decimalOdds.Length}) and probabilities ({probabilities.Length}) must pair up, one per outcome"
            );
        }

        var n = decimalOdds.Length;
        var totalP = 0.0;
        for (var i = 0; i < n; i++)
        {
            OddsMath.ValidateDecimal(decimalOdds[i], $"price {i + 1}");
            CheckProbability(probabilities[i], $"probability {i + 1}");
            totalP += probabilities[i];
        }

        if (totalP > 1 + 1e-9)
        {
            throw new QuantException($"probabilities of mutually exclusive outcomes sum to {totalP:F6} > 1");
        }

        var order = Enumerable.Range(0, n).ToArray();
        var o = decimalOdds.ToArray();
        var p = probabilities.ToArray();
        Array.Sort(order, (a, b) => (p[b] * o[b]).CompareTo(p[a] * o[a]));

        var reserve = 1.0;
        double sumP = 0,
            sumInv = 0;
        var chosen = new List<int>();
        foreach (var k in order)
        {
            if (p[k] * o[k] <= reserve)
            {
                break;
            }

            chosen.Add(k);
            sumP += p[k];
            sumInv += 1 / o[k];
            if (sumInv >= 1)
            {
                // Betting every price of a book under 100 %: arbitrage; keep R from the previous set.
                chosen.RemoveAt(chosen.Count - 1);
                break;
            }

            reserve = (1 - sumP) / (1 - sumInv);
        }

        var fractions = new double[n];
        foreach (var i in chosen)
        {
            fractions[i] = Math.Max(0, p[i] - reserve / o[i]);
        }

        return (fractions, reserve);
    }

    private static void CheckProbability(double p, string what)
    {
        if (double.IsNaN(p) || p < 0 || p > 1)
        {
            throw new QuantException($"{what} {p} must lie in [0, 1]");
        }
    }
}
