using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Betting.Silo.Hosting;

namespace Orleans.Betting.Silo.Health;

/// <summary>Ready only while the silo's database answers a trivial query within a short timeout.</summary>
public sealed class StorageReachableCheck(SiloSettings settings) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(Timeout);
        try
        {
            await using var connection = settings.Database.CreateConnection();
            await connection.OpenAsync(cts.Token);
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT 1";
            cmd.CommandTimeout = (int)Timeout.TotalSeconds;
            await cmd.ExecuteScalarAsync(cts.Token);
            return HealthCheckResult.Healthy(settings.Database.DisplayName);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return HealthCheckResult.Unhealthy($"{settings.Database.Engine} {settings.Database.DisplayName}: {e.Message}");
        }
    }
}
