using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Silo.Health;

/// <summary>An external API through the worker pool, with a call that costs no quota.</summary>
public sealed class ApiProbeCheck(IGrainFactory grains, string api) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var node = AuditData.Node("api", "api-pool");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(8));
        var probe = await grains.GetGrain<IApiWorkerGrain>(0).ProbeAsync(api, cts.Token).WaitAsync(cts.Token);
        if (probe.Healthy)
        {
            return HealthCheckResult.Healthy($"{api}: {probe.Detail} in {probe.LatencyMs:F0} ms", node);
        }

        // Unreachable or failing with 5xx: Unhealthy — unless nothing here has used the API yet (an unused dependency is only Degraded).
        var broken = !probe.Reachable || probe.Detail.StartsWith("HTTP 5", StringComparison.Ordinal);
        var used = (await grains.GetGrain<IApiUsageGrain>(api).GetUsageAsync()).UpstreamAttempts > 0;
        return broken && used
            ? HealthCheckResult.Unhealthy($"{api}: {probe.Detail}", data: node)
            : HealthCheckResult.Degraded($"{api}: {probe.Detail}{(broken ? " (not used by this cluster yet)" : "")}", data: node);
    }
}
