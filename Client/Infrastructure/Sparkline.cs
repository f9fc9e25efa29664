namespace Orleans.Betting.Client.Infrastructure;

/// <summary>A series as one line of block characters, scaled between its minimum and maximum.</summary>
public static class Sparkline
{
    private const string Bars = "▁▂▃▄▅▆▇█";

    /// <summary>One bar per value.</summary>
    public static string Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return "";
        }

        var (min, max) = (values.Min(), values.Max());
        return string.Concat(
            values.Select(v => Bars[max - min < 1e-12 ? 0 : (int)Math.Round((v - min) / (max - min) * (Bars.Length - 1))])
        );
    }

    /// <summary>At most <paramref name="width"/> bars, sampled evenly from first to last value.</summary>
    public static string Sampled(IReadOnlyList<double> values, int width)
    {
        var count = Math.Min(width, values.Count);
        return Of(Enumerable.Range(0, count).Select(i => values[(int)((long)i * (values.Count - 1) / Math.Max(1, count - 1))]).ToList());
    }
}
