namespace Orleans.Betting.Health;

/// <summary>
/// An exponentially weighted model of a series: its level and variance are weighted means that forget old points
/// at the rate 2 / (Window + 1). A point more than SpikeZ standard deviations from the level is a spike; an EWMA
/// control chart of the standardised residuals (weight 0.1, limits at 3.5 of its own deviation) catches a level
/// shift. It has no trend test (a slow leak moves the level with it): the robust model's Mann–Kendall does that.
/// After a report it stays quiet for the cooldown and learns the series again. Pure and incremental.
/// </summary>
public sealed class EwmaDetector(string series, DetectorSettings? settings = null) : IAnomalyDetector
{
    private const double ChartWeight = 0.1;
    private const double ChartLimit = 3.5;

    private readonly DetectorSettings s = settings ?? new DetectorSettings();
    private double level,
        variance,
        chart;
    private int learned;
    private int index = -1;
    private int quietUntil;

    public string Series => series;

    public Anomaly? Add(double value)
    {
        index++;
        if (index < quietUntil)
        {
            return null;
        }

        var alpha = 2.0 / (s.Window + 1);
        if (learned >= s.WarmUp)
        {
            var scale = Math.Max(Math.Sqrt(variance), Math.Max(s.MinScale, Math.Max(1e-9, Math.Abs(level) * 1e-3)));
            var z = (value - level) / scale;
            Anomaly? found = null;
            if (s.Spikes && Math.Abs(z) > s.SpikeZ)
            {
                found = new Anomaly(
                    series,
                    AnomalyKind.Spike,
                    Math.Abs(z) > 2 * s.SpikeZ ? Severity.Critical : Severity.Warning,
                    index,
                    value,
                    $"ewma: value {value:G4} is {z:F1} σ from the weighted level {level:G4}"
                );
            }
            else if (s.Shifts)
            {
                chart = (1 - ChartWeight) * chart + ChartWeight * z;
                var limit = ChartLimit * Math.Sqrt(ChartWeight / (2 - ChartWeight));
                if (Math.Abs(chart) > limit)
                {
                    found = new Anomaly(
                        series,
                        AnomalyKind.LevelShift,
                        Severity.Warning,
                        index,
                        value,
                        $"ewma: the residuals' control chart at {chart:F2} beyond ±{limit:F2}: the level moved {(chart > 0 ? "up" : "down")} from {level:G4} ± {scale:G3}"
                    );
                }
            }

            if (found is not null)
            {
                quietUntil = index + s.Cooldown;
                learned = 0;
                chart = 0;
                return found;
            }
        }

        if (learned == 0)
        {
            (level, variance) = (value, 0);
        }
        else
        {
            var difference = value - level;
            level += alpha * difference;
            variance = (1 - alpha) * (variance + alpha * difference * difference);
        }

        learned++;
        return null;
    }
}
