using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orleans.Betting.Health;
using Orleans.Betting.Silo.Hosting;

namespace Orleans.Betting.Silo.Health;

/// <summary>
/// Every Betting:Health:AuditSeconds this silo runs its health checks (storage, the stream
/// provider, each external API through the pool, the dashboard, the webhook), pings every silo of
/// the membership, and reports the result as components of the connectivity graph to
/// <see cref="IConnectivityGrain"/>. The health monitor reads the graph: a broken edge becomes an
/// incident with its remediation.
/// </summary>
public sealed partial class ConnectivityAuditor(
    HealthCheckService checks,
    IGrainFactory grains,
    IClusterMembershipService membership,
    ILocalSiloDetails local,
    IOptions<HealthOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    HostMeter host,
    ILogger<ConnectivityAuditor> logger
) : BackgroundService
{
    private readonly Dictionary<string, ComponentStatus> lastStatus = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = options.Value.AuditPeriod;
        try
        {
            // Audit a whole host: the silo joined and the HTTP server listening (else the dashboard reads as down).
            await lifetime.WhenStartedAsync(stoppingToken);
            using var timer = new PeriodicTimer(period, time);
            do
            {
                try
                {
                    var components = await AuditAsync(stoppingToken);
                    LogChanges(components);
                    var graph = grains.GetGrain<IConnectivityGrain>(IConnectivityGrain.Key);
                    await graph.ReportAsync(local.SiloAddress.ToString(), components);
                    await graph.ReportHostAsync(host.Read());
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogAuditFailed(e.Message);
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    /// <summary>
    /// Changes only: a component that stays Degraded (no webhook configured, an API nothing uses is
    /// offline) is logged once, not at every audit (the health-check service's own per-check lines are
    /// turned down to errors in appsettings.json); `health` and the dashboard show the current state.
    /// </summary>
    private void LogChanges(IReadOnlyList<ComponentHealth> components)
    {
        foreach (var component in components)
        {
            var known = lastStatus.TryGetValue(component.Name, out var before);
            lastStatus[component.Name] = component.Status;
            if (known ? before == component.Status : component.Status == ComponentStatus.Healthy)
            {
                continue;
            }

            var was = known ? $" (was {before})" : "";
            var why = component.LastError ?? component.Description;
            switch (component.Status)
            {
                case ComponentStatus.Healthy:
                    LogHealthyAgain(component.Name, before);
                    break;
                case ComponentStatus.Degraded:
                    // Working, or not needed (no webhook configured, an API nothing uses is offline): worth one line, not a warning.
                    LogDegraded(component.Name, was, why);
                    break;
                default:
                    LogUnhealthy(component.Name, component.Status, was, why);
                    break;
            }
        }
    }

    public async Task<IReadOnlyList<ComponentHealth>> AuditAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var reporter = local.SiloAddress.ToString();
        var report = await checks.CheckHealthAsync(r => r.Tags.Contains(Hosting.BettingSiloServices.AuditTag), cancellationToken);
        var components = new List<ComponentHealth>();
        foreach (var (name, entry) in report.Entries)
        {
            // A check that threw has no data: its name says what it is.
            var kind = entry.Data.TryGetValue(AuditData.Kind, out var k) ? (string)k : KindOf(name);
            var dependsOn = entry.Data.TryGetValue(AuditData.DependsOn, out var d) ? (string[])d : DependenciesOf(kind);
            components.Add(
                new ComponentHealth(
                    name,
                    kind,
                    Map(entry.Status),
                    entry.Duration.TotalMilliseconds,
                    dependsOn,
                    entry.Status == HealthStatus.Healthy ? null : entry.Exception?.Message ?? entry.Description,
                    entry.Description ?? "",
                    reporter,
                    now
                )
            );
        }

        // The silos: membership says who is in; a runtime-statistics call says who answers.
        var management = grains.GetGrain<IManagementGrain>(0);
        var silos = new List<string>();
        foreach (var member in membership.CurrentSnapshot.Members.Values)
        {
            var name = $"silo:{member.SiloAddress}";
            ComponentHealth node;
            if (member.Status == SiloStatus.Active)
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    var stats = await management
                        .GetRuntimeStatistics([member.SiloAddress])
                        .WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
                    node = new ComponentHealth(
                        name,
                        "silo",
                        stats[0].IsOverloaded ? ComponentStatus.Degraded : ComponentStatus.Healthy,
                        clock.Elapsed.TotalMilliseconds,
                        ["storage"],
                        stats[0].IsOverloaded ? "overloaded" : null,
                        $"Active, {stats[0].ActivationCount} activations, {stats[0].EnvironmentStatistics.FilteredMemoryUsageBytes / 1048576} MiB",
                        reporter,
                        now
                    );
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    node = new ComponentHealth(
                        name,
                        "silo",
                        ComponentStatus.Unhealthy,
                        clock.Elapsed.TotalMilliseconds,
                        ["storage"],
                        e.Message,
                        "Active but not answering",
                        reporter,
                        now
                    );
                }

                silos.Add(name);
            }
            else
            {
                // Joining, shutting down or dead: the membership protocol's business, not an incident of ours.
                node = new ComponentHealth(
                    name,
                    "silo",
                    ComponentStatus.Degraded,
                    0,
                    ["storage"],
                    null,
                    member.Status.ToString(),
                    reporter,
                    now
                );
            }

            components.Add(node);
        }

        var worst = components
            .Where(c => c.Kind == "silo" && silos.Contains(c.Name))
            .Select(c => c.Status)
            .DefaultIfEmpty(ComponentStatus.Unhealthy)
            .Min();
        components.Add(
            new ComponentHealth(
                "cluster",
                "cluster",
                worst,
                0,
                [.. silos, "storage"],
                worst == ComponentStatus.Healthy ? null : "a silo is not answering",
                $"{silos.Count} active silo(s)",
                reporter,
                now
            )
        );
        components.Add(await AgentsNodeAsync(reporter, now));
        return components;
    }

    private async Task<ComponentHealth> AgentsNodeAsync(string reporter, DateTime now)
    {
        var states = new List<(string Name, Agents.AgentState State)>();
        foreach (var (name, _) in Agents.AgentNames.All)
        {
            states.Add((name, (await Agents.AgentDirectory.Agent(grains, name).GetStatusAsync()).State));
        }

        var faulted = states.Where(s => s.State == Agents.AgentState.Faulted).Select(s => s.Name).ToList();
        var running = states.Count(s => s.State == Agents.AgentState.Running);
        // A faulted agent is the SelfHealing/health path's incident; the graph shows it as Degraded.
        return new ComponentHealth(
            "agents",
            "agents",
            faulted.Count > 0 ? ComponentStatus.Degraded : ComponentStatus.Healthy,
            0,
            ["storage", "stream:bus", "api:odds"],
            faulted.Count > 0 ? $"faulted: {string.Join(", ", faulted)}" : null,
            $"{running} of {states.Count} running",
            reporter,
            now
        );
    }

    private static string KindOf(string name) =>
        name switch
        {
            _ when name.StartsWith("api:", StringComparison.Ordinal) => "api",
            _ when name.StartsWith("stream:", StringComparison.Ordinal) => "stream",
            "api-pool" => "grains",
            "dashboard" => "http",
            "webhook" => "notification",
            _ => name,
        };

    private static string[] DependenciesOf(string kind) =>
        kind switch
        {
            "api" => ["api-pool"],
            "stream" => ["storage", "cluster"],
            "grains" or "http" => ["cluster"],
            _ => [],
        };

    private static ComponentStatus Map(HealthStatus status) =>
        status switch
        {
            HealthStatus.Healthy => ComponentStatus.Healthy,
            HealthStatus.Degraded => ComponentStatus.Degraded,
            _ => ComponentStatus.Unhealthy,
        };

    [LoggerMessage(Level = LogLevel.Information, Message = "Connectivity: {Component} is Healthy again (was {Before})")]
    private partial void LogHealthyAgain(string component, ComponentStatus before);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connectivity: {Component} is Degraded{Was}: {Why}")]
    private partial void LogDegraded(string component, string was, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connectivity: {Component} is {Status}{Was}: {Why}")]
    private partial void LogUnhealthy(string component, ComponentStatus status, string was, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connectivity audit failed: {Error}")]
    private partial void LogAuditFailed(string error);
}
