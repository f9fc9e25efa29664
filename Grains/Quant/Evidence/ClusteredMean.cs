namespace Orleans.Betting.Quant;

/// <summary>
/// A stake-weighted mean of per-unit values with a standard error clustered by match: bets on one
/// match (several outcomes, lines or markets) settle on one result and are not independent, so the
/// match, not the bet, is the unit of evidence. The estimate is Σ s·v / Σ s; its variance the
/// cluster-robust (sandwich) form J/(J−1) · Σ_j (S_j − μ W_j)² / (Σ W)², with W_j a match's stake and
/// S_j its stake-weighted value. With one bet per match and flat stakes it is the ordinary mean and
/// standard error.
/// </summary>
public static class ClusteredMean
{
    public readonly record struct Estimate(int Observations, int Clusters, double Mean, double StandardError)
    {
        /// <summary>Mean over standard error; ±∞ for a spread-free non-zero mean, 0 when nothing can be said.</summary>
        public double Z =>
            Clusters < 2 ? 0
            : StandardError > 0 ? Mean / StandardError
            : Mean > 0 ? double.PositiveInfinity
            : Mean < 0 ? double.NegativeInfinity
            : 0;
    }

    public static Estimate Of(IEnumerable<(string Cluster, double Weight, double Value)> observations)
    {
        var clusters = new Dictionary<string, (double Weight, double Sum)>(StringComparer.Ordinal);
        var n = 0;
        double totalWeight = 0,
            totalSum = 0;
        foreach (var (cluster, weight, value) in observations)
        {
            if (double.IsNaN(value) || !(weight > 0))
            {
                continue;
            }

            n++;
            totalWeight += weight;
            totalSum += weight * value;
            var c = clusters.GetValueOrDefault(cluster);
            clusters[cluster] = (c.Weight + weight, c.Sum + weight * value);
        }

        if (n == 0)
        {
            return new Estimate(0, 0, double.NaN, double.NaN);
        }

        var mean = totalSum / totalWeight;
        var j = clusters.Count;
        if (j < 2)
        {
            return new Estimate(n, j, mean, double.NaN);
        }

        var squares = 0.0;
        foreach (var (weight, sum) in clusters.Values)
        {
            var residual = sum - mean * weight;
            squares += residual * residual;
        }

        var variance = j / (j - 1.0) * squares / (totalWeight * totalWeight);
        return new Estimate(n, j, mean, Math.Sqrt(variance));
    }
}
