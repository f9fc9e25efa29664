using Orleans.Concurrency;

namespace Orleans.Betting.Health;

/// <summary>
/// The health monitor (key "cluster"): samples the metrics into short persisted series, runs the
/// detectors and the business checks, opens incidents, remediates them by rule and verifies.
/// Runs on its own timer, kept alive by a reminder.
/// </summary>
public interface IHealthMonitorGrain : IGrainWithStringKey
{
    const string Key = "cluster";

    /// <summary>Starts sampling (idempotent).</summary>
    Task StartAsync();

    /// <summary>One sample → detect → remediate round now (the timer calls it too).</summary>
    Task SampleAsync(CancellationToken cancellationToken = default);

    [AlwaysInterleave]
    [ClientReadable]
    Task<IReadOnlyList<IncidentView>> GetIncidentsAsync(bool openOnly = false, int limit = 100);

    [AlwaysInterleave]
    [ClientReadable]
    Task<MetricsView> GetMetricsAsync(int points = 60);

    /// <summary>
    /// A human's answer to an escalated incident: <paramref name="retry"/> lets automation try its
    /// remediation again (failures reset); otherwise a human handles it and automation stays off.
    /// </summary>
    Task<IncidentView> DecideEscalationAsync(long incidentId, bool retry, string by);
}
