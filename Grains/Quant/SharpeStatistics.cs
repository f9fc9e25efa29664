using MathNet.Numerics.Distributions;

namespace Orleans.Betting.Quant;

/// <summary>Probabilistic and deflated Sharpe ratios (Bailey &amp; López de Prado; quant reference).</summary>
public static class SharpeStatistics
{
    private const double EulerGamma = 0.5772156649015329;

    /// <summary>PSR(SR*) = Φ((SR − SR*)·√(T − 1) / √(1 − γ3·SR + (γ4 − 1)/4·SR²)), γ4 the (non-excess) kurtosis.</summary>
    public static double Probabilistic(double sharpe, double benchmark, int observations, double skewness, double kurtosis)
    {
        if (observations < 2)
        {
            return 0;
        }

        var denominator = 1 - skewness * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;
        return denominator <= 0 ? 0 : Normal.CDF(0, 1, (sharpe - benchmark) * Math.Sqrt(observations - 1) / Math.Sqrt(denominator));
    }

    /// <summary>The Sharpe ratio the best of N trials with Sharpe variance V reaches by luck alone.</summary>
    public static double ExpectedMaximum(int trials, double variance)
    {
        if (trials <= 1 || variance <= 0)
        {
            return 0;
        }

        return Math.Sqrt(variance)
            * ((1 - EulerGamma) * Normal.InvCDF(0, 1, 1 - 1.0 / trials) + EulerGamma * Normal.InvCDF(0, 1, 1 - 1.0 / (trials * Math.E)));
    }

    /// <summary>DSR = PSR(SR0) with SR0 the expected maximum Sharpe of the trials.</summary>
    public static double Deflated(double sharpe, int observations, double skewness, double kurtosis, int trials, double trialVariance) =>
        Probabilistic(sharpe, ExpectedMaximum(trials, trialVariance), observations, skewness, kurtosis);

    /// <summary>Sample skewness and (non-excess) kurtosis of per-bet returns.</summary>
    public static (double Mean, double Sd, double Skewness, double Kurtosis) Moments(IReadOnlyList<double> returns)
    {
        var n = returns.Count;
        if (n < 2)
        {
            return (n == 1 ? returns[0] : 0, 0, 0, 3);
        }

        var mean = returns.Average();
        double m2 = 0,
            m3 = 0,
            m4 = 0;
        foreach (var r in returns)
        {
            var d = r - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }

        m2 /= n;
        m3 /= n;
        m4 /= n;
        var sd = Math.Sqrt(m2);
        return sd == 0 ? (mean, 0, 0, 3) : (mean, Math.Sqrt(m2 * n / (n - 1)), m3 / (sd * sd * sd), m4 / (m2 * m2));
    }
}
