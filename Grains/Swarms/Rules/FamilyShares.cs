namespace Orleans.Betting.Swarms.Rules;

/// <summary>How ideation shares candidates among families given learned weights (null or empty: evenly).</summary>
public static class FamilyShares
{
    /// <summary>
    /// Whole counts per family summing to <paramref name="total"/>: at least one each (while the total allows), the
    /// rest in proportion to the weights by largest remainder, ties to the earlier family (deterministic).
    /// </summary>
    public static IReadOnlyDictionary<string, int> Allocate(
        IReadOnlyList<string> families,
        IReadOnlyDictionary<string, double>? weights,
        int total
    )
    {
        var counts = families.ToDictionary(f => f, _ => 0, StringComparer.Ordinal);
        if (families.Count == 0 || total <= 0)
        {
            return counts;
        }

        var floor = Math.Min(1, total / families.Count);
        foreach (var f in families)
        {
            counts[f] = floor;
        }

        var rest = total - floor * families.Count;
        var w = families.Select(f => Math.Max(0, weights?.GetValueOrDefault(f, 0) ?? 1)).ToArray();
        if (w.Sum() <= 0)
        {
            w = [.. families.Select(_ => 1.0)];
        }

        var sum = w.Sum();
        var exact = w.Select(x => rest * x / sum).ToArray();
        var given = 0;
        for (var i = 0; i < families.Count; i++)
        {
            var whole = (int)Math.Floor(exact[i]);
            counts[families[i]] += whole;
            given += whole;
        }

        foreach (
            var i in Enumerable
                .Range(0, families.Count)
                .OrderByDescending(i => exact[i] - Math.Floor(exact[i]))
                .ThenBy(i => i)
                .Take(rest - given)
        )
        {
            counts[families[i]]++;
        }

        return counts;
    }

    /// <summary>One family drawn in proportion to the weights (evenly without them).</summary>
    public static string Draw(IReadOnlyList<string> families, IReadOnlyDictionary<string, double>? weights, Random random)
    {
        var w = families.Select(f => Math.Max(0, weights?.GetValueOrDefault(f, 0) ?? 1)).ToArray();
        var sum = w.Sum();
        if (sum <= 0)
        {
            return families[random.Next(families.Count)];
        }

        var u = random.NextDouble() * sum;
        for (var i = 0; i < families.Count; i++)
        {
            u -= w[i];
            if (u < 0)
            {
                return families[i];
            }
        }

        return families[^1];
    }
}
