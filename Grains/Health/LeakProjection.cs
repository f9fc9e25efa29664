namespace Orleans.Betting.Health;

/// <summary>When a rising memory series would run out: a trend is a leak only if it would exhaust the memory left soon.</summary>
public static class LeakProjection
{
    /// <summary>Hours until <paramref name="availableMb"/> is used up at the series' Theil–Sen slope; infinity when it is not rising.</summary>
    public static double HoursToExhaust(IReadOnlyList<double> memoryMb, double availableMb, double sampleSeconds)
    {
        var slopePerSample = memoryMb.Count < 2 ? 0 : SeriesDetector.SenSlope(memoryMb);
        return slopePerSample <= 0 || availableMb <= 0 ? double.PositiveInfinity : availableMb / slopePerSample * sampleSeconds / 3600;
    }
}
