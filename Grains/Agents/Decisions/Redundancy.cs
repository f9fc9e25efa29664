namespace Orleans.Betting.Agents.Decisions;

/// <summary>
/// How alike two strategies' bets are: the correlation of their returns bet for bet, keyed by what was
/// bet (match, market, outcome, line), over the union of both strategies' bets with 0 where one did not
/// bet. Pairing by bet index instead (the n-th bet of one with the n-th of the other) makes near-twins
/// look unrelated as soon as one skips a single match.
/// </summary>
public static class Redundancy
{
    /// <summary>Returns keyed by what was bet; several bets on the same thing add up.</summary>
    public static IReadOnlyDictionary<TKey, double> Keyed<TKey>(IReadOnlyList<TKey> keys, IReadOnlyList<double> returns)
        where TKey : notnull
    {
        if (keys.Count != returns.Count)
        {
            throw new ArgumentException($"{keys.Count} bet keys for {returns.Count} returns");
        }

        var keyed = new Dictionary<TKey, double>();
        for (var i = 0; i < keys.Count; i++)
        {
            keyed[keys[i]] = keyed.GetValueOrDefault(keys[i]) + returns[i];
        }

        return keyed;
    }

    /// <summary>
    /// The correlation of two strategies' keyed returns over the union of their bets (0 for "no bet"),
    /// and their overlap: the share of that union both bet on.
    /// </summary>
    public static (double Correlation, double Overlap) Compare<TKey>(
        IReadOnlyDictionary<TKey, double> a,
        IReadOnlyDictionary<TKey, double> b
    )
        where TKey : notnull
    {
        // In the keys' text order, so the sums run in the same order whichever silo computes them.
        var union = a.Keys.Union(b.Keys).OrderBy(k => k.ToString(), StringComparer.Ordinal).ToList();
        if (union.Count == 0)
        {
            return (0, 0);
        }

        var both = union.Count(k => a.ContainsKey(k) && b.ContainsKey(k));
        return (
            Correlation(union.Select(k => a.GetValueOrDefault(k)).ToList(), union.Select(k => b.GetValueOrDefault(k)).ToList()),
            both / (double)union.Count
        );
    }

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
