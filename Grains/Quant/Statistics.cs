namespace Orleans.Betting.Quant;

public static class Statistics
{
    /// <summary>Percentile bootstrap 95 % interval of ROI = Σprofit/Σstake, resampling bets (seeded).</summary>
    public static (double Low, double High) BootstrapRoi(IReadOnlyList<SettledBet> bets, int samples, int seed)
    {
        var n = bets.Count;
        if (n == 0 || samples <= 0)
        {
            return (double.NaN, double.NaN);
        }

        var random = new Random(seed);
        var rois = new double[samples];
        for (var s = 0; s < samples; s++)
        {
            double stake = 0,
                profit = 0;
            for (var i = 0; i < n; i++)
            {
                var b = bets[random.Next(n)];
                stake += b.Stake;
                profit += b.Profit;
            }

            rois[s] = profit / stake;
        }

        Array.Sort(rois);
        return (Percentile(rois, 0.025), Percentile(rois, 0.975));
    }

    public static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (position - lo);
    }
}
