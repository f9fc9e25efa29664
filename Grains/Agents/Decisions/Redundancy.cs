namespace Orleans.Betting.Agents.Decisions;

/// <summary>How alike two strategies' bets are: the correlation of their per-match returns on the same matches.</summary>
public static class Redundancy
{
    /// <summary>Pearson correlation; 0 when either never bets (no variance).</summary>
    public static double Correlation(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var n = Math.Min(a.Count, b.Count);
        if (n < 2)
        {
            return 0;
        }

        double ma = 0,
            mb = 0;
        for (var i = 0; i < n; i++)
        {
            ma += a[i];
            mb += b[i];
        }

        ma /= n;
        mb /= n;
        double sab = 0,
            saa = 0,
            sbb = 0;
        for (var i = 0; i < n; i++)
        {
            var (da, db) = (a[i] - ma, b[i] - mb);
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }

        return saa <= 0 || sbb <= 0 ? 0 : sab / Math.Sqrt(saa * sbb);
    }
}
