namespace Orleans.Betting.Quant;

/// <summary>
/// Probability of backtest overfitting by combinatorially symmetric cross-validation (Bailey,
/// Borwein, López de Prado, Zhu): the periods are split into S even blocks; for every choice of
/// S/2 blocks as in-sample, the in-sample best trial's relative rank ω among all trials out of
/// sample gives λ = ln(ω/(1 − ω)); PBO is the share of splits with λ ≤ 0, i.e. where the winner
/// in sample is no better than the median out of sample.
/// </summary>
public static class BacktestOverfitting
{
    /// <param name="trials">Per trial, its result in each period (same periods for all).</param>
    /// <returns>PBO in [0, 1], or null when there are fewer than 2 trials or 2 periods.</returns>
    public static double? Probability(IReadOnlyList<double[]> trials)
    {
        if (trials.Count < 2)
        {
            return null;
        }

        var periods = trials.Min(t => t.Length);
        var blocks = periods - periods % 2; // S even; each block is one period (seasons are few)
        if (blocks < 2)
        {
            return null;
        }

        var splits = 0;
        var overfit = 0;
        foreach (var inSample in Combinations(blocks, blocks / 2))
        {
            var outSample = Enumerable.Range(0, blocks).Except(inSample).ToArray();
            var best = Enumerable.Range(0, trials.Count).MaxBy(i => inSample.Sum(p => trials[i][p]));
            var bestOut = outSample.Sum(p => trials[best][p]);
            // Rank 1..N out of sample (ties counted half), as a share strictly inside (0, 1).
            var below = trials.Count(t => outSample.Sum(p => t[p]) < bestOut);
            var ties = trials.Count(t => outSample.Sum(p => t[p]) == bestOut) - 1;
            var omega = (below + 1 + ties / 2.0) / (trials.Count + 1);
            var lambda = Math.Log(omega / (1 - omega));
            splits++;
            overfit += lambda <= 0 ? 1 : 0;
        }

        return overfit / (double)splits;
    }

    /// <summary>The block count PBO uses: 8 to 16 time blocks (seasons as blocks give 2 splits and PBO ∈ {0, ½, 1}).</summary>
    public const int DefaultBlocks = 10;

    /// <summary>
    /// PBO with ROI as the metric, the generation's own selection metric: per trial, its profit and
    /// stake in each time block; a trial's performance on a set of blocks is Σ profit / Σ stake.
    /// Callers leave out trials with too few bets to rank.
    /// </summary>
    /// <returns>PBO in [0, 1], or null with fewer than 2 trials or 2 blocks.</returns>
    public static double? Probability(IReadOnlyList<(double[] Profits, double[] Stakes)> trials)
    {
        if (trials.Count < 2)
        {
            return null;
        }

        var periods = trials.Min(t => Math.Min(t.Profits.Length, t.Stakes.Length));
        var blocks = periods - periods % 2;
        if (blocks < 2)
        {
            return null;
        }

        double Roi(int trial, int[] set)
        {
            double profit = 0,
                staked = 0;
            foreach (var b in set)
            {
                profit += trials[trial].Profits[b];
                staked += trials[trial].Stakes[b];
            }

            return staked > 0 ? profit / staked : 0;
        }

        var splits = 0;
        var overfit = 0;
        var outRoi = new double[trials.Count];
        foreach (var inSample in Combinations(blocks, blocks / 2))
        {
            var outSample = Enumerable.Range(0, blocks).Except(inSample).ToArray();
            var best = 0;
            var bestIn = double.NegativeInfinity;
            for (var i = 0; i < trials.Count; i++)
            {
                var r = Roi(i, inSample);
                if (r > bestIn)
                {
                    (best, bestIn) = (i, r);
                }

                outRoi[i] = Roi(i, outSample);
            }

            var bestOut = outRoi[best];
            var below = outRoi.Count(r => r < bestOut);
            var ties = outRoi.Count(r => r == bestOut) - 1;
            var omega = (below + 1 + ties / 2.0) / (trials.Count + 1);
            splits++;
            overfit += Math.Log(omega / (1 - omega)) <= 0 ? 1 : 0;
        }

        return overfit / (double)splits;
    }

    private static IEnumerable<int[]> Combinations(int n, int k)
    {
        var pick = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return pick.ToArray();
            var i = k - 1;
            while (i >= 0 && pick[i] == n - k + i)
            {
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            pick[i]++;
            for (var j = i + 1; j < k; j++)
            {
                pick[j] = pick[j - 1] + 1;
            }
        }
    }
}
