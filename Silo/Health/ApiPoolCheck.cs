using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Silo.Health;

/// <summary>The pool the API probes go through: answers at all.</summary>
public sealed class ApiPoolCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var usage = await grains
            .GetGrain<IApiUsageGrain>(ApiNames.Odds)
            .GetUsageAsync()
            .WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
        return HealthCheckResult.Healthy($"{usage.Requests} odds requests served", AuditData.Node("grains", "cluster"));
    }
}
