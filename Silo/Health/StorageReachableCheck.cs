using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orleans.Betting.Silo.Health;

/// <summary>Ready only while the silo's database answered its last readiness probe (see <see cref="StorageReadiness"/>).</summary>
public sealed class StorageReachableCheck(StorageReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.Current());
}
