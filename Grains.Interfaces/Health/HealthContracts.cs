using Orleans.Concurrency;

namespace Orleans.Betting.Health;

/// <summary>Status of a component, as ASP.NET Core health checks name them.</summary>
public enum ComponentStatus
{
    Unhealthy,
    Degraded,
    Healthy,
}

/// <summary>One node of the connectivity graph: what it is, how it answered its probe, and what it depends on.</summary>
[GenerateSerializer, Immutable]
public sealed record ComponentHealth(
    [property: Id(0)] string Name,
    [property: Id(1)] string Kind,
    [property: Id(2)] ComponentStatus Status,
    [property: Id(3)] double LatencyMs,
    [property: Id(4)] IReadOnlyList<string> DependsOn,
    [property: Id(5)] string? LastError,
    [property: Id(6)] string Description,
    [property: Id(7)] string ReportedBy,
    [property: Id(8)] DateTime CheckedUtc);

/// <summary>The components and their dependencies, as the silos' auditors last saw them.</summary>
[GenerateSerializer, Immutable]
public sealed record HealthGraph(
    [property: Id(0)] IReadOnlyList<ComponentHealth> Components,
    [property: Id(1)] DateTime? LastAuditUtc);

/// <summary>Holds the connectivity graph (key "cluster"): every silo's auditor reports its probes here.</summary>
public interface IConnectivityGrain : IGrainWithStringKey
{
    const string Key = "cluster";

    Task ReportAsync(string silo, IReadOnlyList<ComponentHealth> components);

    [AlwaysInterleave]
    Task<HealthGraph> GetGraphAsync();
}

/// <summary>One remediation step of an incident and how it went.</summary>
[GenerateSerializer, Immutable]
public sealed record IncidentAction(
    [property: Id(0)] string Action,
    [property: Id(1)] string Result,
    [property: Id(2)] DateTime AtUtc,
    [property: Id(3)] string Detail);

/// <summary>An incident: detected → actions → result → resolved, persisted and audited.</summary>
[GenerateSerializer, Immutable]
public sealed record IncidentView(
    [property: Id(0)] long Id,
    [property: Id(1)] string Subject,
    [property: Id(2)] string Series,
    [property: Id(3)] string Kind,
    [property: Id(4)] string Severity,
    [property: Id(5)] string Evidence,
    [property: Id(6)] DateTime DetectedUtc,
    [property: Id(7)] IReadOnlyList<IncidentAction> Actions,
    [property: Id(8)] DateTime? ResolvedUtc,
    [property: Id(9)] bool Escalated,
    [property: Id(10)] DateTime LastSeenUtc,
    [property: Id(11)] string? LastEvidence = null);

/// <summary>One point of a monitored series.</summary>
[GenerateSerializer]
public readonly record struct SeriesPoint([property: Id(0)] DateTime AtUtc, [property: Id(1)] double Value);

/// <summary>The latest points of the monitored series (the client's `metrics` view).</summary>
[GenerateSerializer, Immutable]
public sealed record MetricsView(
    [property: Id(0)] IReadOnlyDictionary<string, IReadOnlyList<SeriesPoint>> Series,
    [property: Id(1)] DateTime? LastSampleUtc,
    [property: Id(2)] long Samples,
    [property: Id(3)] int OpenIncidents);

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
    Task<IReadOnlyList<IncidentView>> GetIncidentsAsync(bool openOnly = false, int limit = 100);

    [AlwaysInterleave]
    Task<MetricsView> GetMetricsAsync(int points = 60);

    /// <summary>
    /// A human's answer to an escalated incident: <paramref name="retry"/> lets automation try its
    /// remediation again (failures reset); otherwise a human handles it and automation stays off.
    /// </summary>
    Task<IncidentView> DecideEscalationAsync(long incidentId, bool retry, string by);
}

/// <summary>Fault injection into the built-in odds simulator (Embedded profile only).</summary>
[GenerateSerializer, Immutable]
public sealed record FaultRequest(
    [property: Id(0)] string Api,
    [property: Id(1)] string Kind,
    [property: Id(2)] double Seconds,
    [property: Id(3)] double? LatencyMs = null)
{
    /// <summary>The faults the odds simulator can inject.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["http500", "latency", "malformed", "reset", "rate-limit"];
}

/// <summary>Reaches the silo-hosted simulator; refuses where there is none (any profile but Embedded).</summary>
public interface ISimulatorControlGrain : IGrainWithStringKey
{
    Task<string> InjectFaultAsync(FaultRequest request);

    Task<string> ClearFaultsAsync();
}

/// <summary>Receives the stream provider's probe messages (key: the probing silo), so a check can see a publish arrive.</summary>
public interface IStreamProbeGrain : IGrainWithStringKey
{
    /// <summary>Subscribes (once) to the probe stream of this key.</summary>
    Task EnsureSubscribedAsync();

    [AlwaysInterleave]
    Task<string?> LastReceivedAsync();
}

public static class HealthStreams
{
    public const string ProbeNamespace = "health-probe";
}
