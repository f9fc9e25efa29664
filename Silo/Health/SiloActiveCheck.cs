using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orleans.Betting.Silo.Health;

/// <summary>Ready only while this silo is Active in the cluster's membership view.</summary>
public sealed class SiloActiveCheck(IClusterMembershipService membership, ILocalSiloDetails local) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
        return Task.FromResult(
            status == SiloStatus.Active
                ? HealthCheckResult.Healthy($"{local.SiloAddress} Active")
                : HealthCheckResult.Unhealthy($"{local.SiloAddress} {status}")
        );
    }
}
