namespace Orleans.Betting.Health;

/// <summary>
/// Learns a series' normal level and spread robustly (median and MAD of a sliding window, so the
/// anomalies themselves barely move the baseline) and flags: spikes (one point far outside the
/// spread), level shifts (two-sided CUSUM of standardised residuals against the baseline frozen
/// at the shift's start) and slow trends such as leaks (Mann–Kendall statistic over a long window).
/// After a report the detector stays quiet for a cooldown and re-learns, so one incident is one alarm.
/// Pure and incremental: feed points with <see cref="Add"/>.
/// </summary>
public sealed class SeriesDetector(string series, DetectorSettings? settings = null) : IAnomalyDetector
{
    private readonly DetectorSettings s = settings ?? new DetectorSettings();
    private readonly List<double> recent = [];

    // The Mann–Kendall sum S over the trend window (the last TrendWindow points of recent), kept as
    // points come and go: O(window) a point instead of O(window²).
    private long trendS;
    private double cusumUp,
        cusumDown;
    private int quietUntil;
    private int index = -1;

    public string Series => series;

    public Anomaly? Add(double value)
    {
        index++;
        if (recent.Count >= s.WarmUp && index >= quietUntil)
        {
            var window = recent.TakeLast(s.Window).ToArray();
            var (median, scale) = MedianAndScale(window);
            scale = Math.Max(scale, s.MinScale); // a floor in the series' units: wiggles below it are never news
            var z = (value - median) / scale;
            Anomaly? found = null;
            if (s.Spikes && Math.Abs(z) > s.SpikeZ)
            {
                found = new Anomaly(
                    series,
                    AnomalyKind.Spike,
                    Math.Abs(z) > 2 * s.SpikeZ ? Severity.Critical : Severity.Warning,
                    index,
                    value,
                    $"value {value:G4} is {z:F1} robust σ from the median {median:G4}"
                );
            }
            else
            {
                cusumUp = s.Shifts ? Math.Max(0, cusumUp + z - s.ShiftSlack) : 0;
                cusumDown = s.Shifts ? Math.Max(0, cusumDown - z - s.ShiftSlack) : 0;
                if (Math.Max(cusumUp, cusumDown) > s.ShiftThreshold)
                {
                    found = new Anomaly(
                        series,
                        AnomalyKind.LevelShift,
                        Severity.Warning,
                        index,
                        value,
                        $"CUSUM {(cusumUp > cusumDown ? "up" : "down")} {Math.Max(cusumUp, cusumDown):F1} > {s.ShiftThreshold} against median {median:G4} ± {scale:G3}"
                    );
                }
                else if (
                    s.Trends
                    && recent.Count >= s.TrendWindow
                    && MannKendallZ(trendS + SignsAgainst(value, recent.Count - s.TrendWindow), s.TrendWindow + 1) is var mk
                    && Math.Abs(mk) > s.TrendZ
                )
                {
                    found = new Anomaly(
                        series,
                        AnomalyKind.Trend,
                        Severity.Warning,
                        index,
                        value,
                        $"Mann–Kendall z {mk:F1} over the last {s.TrendWindow} points: a steady {(mk > 0 ? "rise" : "fall")}"
                    );
                }
            }

            if (found is not null)
            {
                // One incident, one alarm: stay quiet, forget the old normal, learn the new one.
                quietUntil = index + s.Cooldown;
                cusumUp = cusumDown = 0;
                recent.Clear();
                trendS = 0;
                recent.Add(value);
                return found;
            }
        }
        else if (index < quietUntil)
        {
            cusumUp = cusumDown = 0;
        }

        if (recent.Count >= s.TrendWindow)
        {
            // The window's oldest point leaves it: take away its pairs with every later point.
            var first = recent.Count - s.TrendWindow;
            for (var j = first + 1; j < recent.Count; j++)
            {
                trendS -= Math.Sign(recent[j] - recent[first]);
            }
        }

        trendS += SignsAgainst(value, Math.Max(0, recent.Count - s.TrendWindow + 1));
        recent.Add(value);
        if (recent.Count > Math.Max(s.Window, s.TrendWindow) + 1)
        {
            recent.RemoveAt(0);
        }

        return null;
    }

    /// <summary>Σ sign(value − x) over recent[from..]: the pairs a new last point makes with the points before it.</summary>
    private long SignsAgainst(double value, int from)
    {
        long sum = 0;
        for (var i = from; i < recent.Count; i++)
        {
            sum += Math.Sign(value - recent[i]);
        }

        return sum;
    }

    /// <summary>Median and 1.4826·MAD (a standard deviation under normality), floored so a flat series does not make every wiggle infinite.</summary>
    public static (double Median, double Scale) MedianAndScale(double[] values)
    {
        var sorted = values.Order().ToArray();
        var median = Median(sorted);
        var deviations = sorted.Select(v => Math.Abs(v - median)).Order().ToArray();
        var mad = 1.4826 * Median(deviations);
        return (median, Math.Max(mad, Math.Max(1e-9, Math.Abs(median) * 1e-3)));
    }

    /// <summary>The Mann–Kendall trend statistic as a z-score (no tie correction; continuous data).</summary>
    public static double MannKendallZ(double[] x)
    {
        var n = x.Length;
        long s = 0;
        for (var i = 0; i < n - 1; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                s += Math.Sign(x[j] - x[i]);
            }
        }

        return MannKendallZ(s, n);
    }

    /// <summary>The z-score of a Mann–Kendall sum <paramref name="s"/> over <paramref name="n"/> points (continuity-corrected).</summary>
    public static double MannKendallZ(long s, int n)
    {
        var variance = n * (n - 1.0) * (2 * n + 5) / 18.0;
        return s == 0 ? 0 : (s - Math.Sign(s)) / Math.Sqrt(variance);
    }

    /// <summary>The Theil–Sen slope (median of pairwise slopes) per point: a robust rate of change.</summary>
    public static double SenSlope(IReadOnlyList<double> x)
    {
        var slopes = new List<double>(x.Count * (x.Count - 1) / 2);
        for (var i = 0; i < x.Count - 1; i++)
        {
            for (var j = i + 1; j < x.Count; j++)
            {
                slopes.Add((x[j] - x[i]) / (j - i));
            }
        }

        return Median(slopes.Order().ToArray());
    }

    private static double Median(double[] sorted) =>
        sorted.Length == 0 ? 0
        : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
        : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
