using Orleans.Betting.Agents;

namespace Orleans.Betting.Health;

/// <summary>
/// The health monitor's series store: each sample's figures appended to short persisted series (in the
/// monitor's state), each series judged by its statistical detector, which re-learns from the stored
/// points when the monitor activates. Lives in the monitor's activation.
/// </summary>
internal sealed class HealthSeries(
    IPersistentState<HealthMonitorState> state,
    HealthOptions settings,
    IReadOnlyDictionary<string, double> siloFigures,
    IAnomalyDetectorFactory model
)
{
    private readonly Dictionary<string, IAnomalyDetector> detectors = new(StringComparer.Ordinal);

    /// <summary>Feeds every stored point to its series' detector, so a restart does not start them blind.</summary>
    public void Relearn()
    {
        foreach (var (series, points) in state.State.Series)
        {
            if (DetectorFor(series) is { } detector)
            {
                foreach (var point in points)
                {
                    detector.Add(point.Value);
                }
            }
        }
    }

    /// <summary>Appends the sample's figures to the series and runs the statistical detectors on those that have one.</summary>
    public IEnumerable<Finding> Record(HealthSample sample, DateTime now)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var api in sample.Apis)
        {
            values[$"api:{api.Api}:attempts"] = api.Attempts;
            values[$"api:{api.Api}:errors"] = api.HttpErrors + api.ConnectionErrors + api.Timeouts + api.RateLimited + api.Malformed;
            if (api.MeanLatencyMs is { } latency)
            {
                values[$"api:{api.Api}:latency_ms"] = latency;
            }
        }

        foreach (var component in sample.Components.Where(c => c.Kind is "storage" or "stream" && c.Status != ComponentStatus.Unhealthy))
        {
            values[$"{component.Name}:latency_ms"] = component.LatencyMs;
        }

        values["agents:faulted"] = sample.Agents.Count(a => a.State == AgentState.Faulted);
        values["incidents:open"] = state.State.Book.Incidents.Count(i => i.Open);
        foreach (var (name, value) in siloFigures)
        {
            values[name] = value;
        }

        var keep = settings.SeriesPoints;
        foreach (var gone in SeriesRetention.Stale(state.State.Series, now, SeriesRetention.Horizon(keep, settings.SamplePeriod)))
        {
            state.State.Series.Remove(gone);
            detectors.Remove(gone);
        }

        foreach (var (series, value) in values)
        {
            if (!state.State.Series.TryGetValue(series, out var points))
            {
                state.State.Series[series] = points = [];
            }

            points.Add(new SeriesPoint(now, value));
            if (points.Count > keep)
            {
                points.RemoveRange(0, points.Count - keep);
            }

            if (series.EndsWith(":disk_free_percent", StringComparison.Ordinal) && value < settings.Rules.MinDiskFreePercent)
            {
                // A rule, not a model: a nearly full disk is news however slowly it filled.
                // Its own subject: a silo's memory incident and its disk's are different troubles with different remedies.
                yield return new Finding(
                    "disk:" + HealthSubject.OfSeries(series),
                    series,
                    AnomalyKind.LowDisk,
                    Severity.Critical,
                    $"{value:F1} % of the data disk free, under the {settings.Rules.MinDiskFreePercent:0.#} % the rule allows"
                );
            }

            if (DetectorFor(series)?.Add(value) is { } anomaly && Accept(series, anomaly, points))
            {
                var subject = HealthSubject.OfSeries(series);
                yield return new Finding(subject, series, anomaly.Kind, anomaly.Severity, anomaly.Evidence);
            }
        }
    }

    /// <summary>A memory trend is a leak only if, at its robust slope, it would exhaust the memory available within the horizon.</summary>
    private bool Accept(string series, Anomaly anomaly, List<SeriesPoint> points)
    {
        if (anomaly.Kind != AnomalyKind.Trend || !series.EndsWith(":memory_mb", StringComparison.Ordinal))
        {
            return true;
        }

        var window = points.TakeLast(Math.Min(points.Count, 240)).Select(p => p.Value).ToList();
        var available = siloFigures.GetValueOrDefault(series.Replace(":memory_mb", ":available_mb", StringComparison.Ordinal));
        return LeakProjection.HoursToExhaust(window, available, settings.SampleSeconds) < settings.LeakHorizonHours;
    }

    private IAnomalyDetector? DetectorFor(string series)
    {
        if (detectors.TryGetValue(series, out var existing))
        {
            return existing;
        }

        var warmUp = settings.Detector.WarmUp;
        DetectorSettings? chosen = series switch
        {
            _ when series.StartsWith("api:", StringComparison.Ordinal) && series.EndsWith(":latency_ms", StringComparison.Ordinal) =>
            // One slow call is not an incident (a GC pause, a busy core): only a sustained shift above a 100 ms floor is.
            new DetectorSettings(WarmUp: warmUp, MinScale: settings.Detector.LatencyFloorMs, Spikes: false, Trends: false),
            _ when series.EndsWith(":latency_ms", StringComparison.Ordinal) => new DetectorSettings(
                WarmUp: warmUp,
                MinScale: settings.Detector.StorageFloorMs,
                Spikes: false,
                Trends: false
            ),
            // Sustained load, not a busy second: level shifts above a 5-point floor.
            _ when series.EndsWith(":cpu_percent", StringComparison.Ordinal) => new DetectorSettings(
                WarmUp: warmUp,
                MinScale: 5,
                Spikes: false,
                Trends: false
            ),
            _ when series.EndsWith(":net_errors_per_min", StringComparison.Ordinal) => new DetectorSettings(
                WarmUp: warmUp,
                MinScale: 1,
                Trends: false
            ),
            _ when series.EndsWith(":memory_mb", StringComparison.Ordinal) => new DetectorSettings(
                WarmUp: warmUp,
                Spikes: false,
                Shifts: false,
                MinScale: 1
            ),
            _ => null,
        };
        if (chosen is null)
        {
            return null;
        }

        return detectors[series] = model.Create(series, chosen);
    }
}
