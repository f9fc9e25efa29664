namespace Orleans.Betting.Health;

/// <summary>
/// Which health series are done: a series that has had no point for as long as its window spans (a
/// silo that left for good, an API no longer called) would only ever show old points, so it goes,
/// and the persisted record stays bounded however many silos come and go.
/// </summary>
public static class SeriesRetention
{
    /// <summary>How long a silent series is kept: its window (points × sample period), at least an hour.</summary>
    public static TimeSpan Horizon(int points, TimeSpan samplePeriod) =>
        TimeSpan.FromTicks(Math.Max(samplePeriod.Ticks * points, TimeSpan.FromHours(1).Ticks));

    public static IReadOnlyList<string> Stale(IReadOnlyDictionary<string, List<SeriesPoint>> series, DateTime nowUtc, TimeSpan horizon) =>
        series.Where(s => s.Value.Count == 0 || s.Value[^1].AtUtc < nowUtc - horizon).Select(s => s.Key).ToList();
}
