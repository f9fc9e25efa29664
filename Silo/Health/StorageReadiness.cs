using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Betting.Silo.Hosting;

namespace Orleans.Betting.Silo.Health;

/// <summary>
/// The database's reachability, probed every <see cref="Period"/> on a connection pool of its own
/// (one connection, its own application name) and published: /readyz and the auditor read the last
/// result, so a burst of probes costs no query and never takes a connection from grain storage.
/// A result older than a few periods counts as unreachable (the probe itself is stuck).
/// </summary>
public sealed class StorageReadiness(SiloSettings settings, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private readonly Storage.DatabaseTarget database = settings.Database.ForReadiness();
    private (HealthCheckResult Result, DateTime AtUtc)? last;

    public HealthCheckResult Current()
    {
        if (last is not { } probed)
        {
            return HealthCheckResult.Unhealthy($"{database.Engine} {database.DisplayName}: not probed yet");
        }

        var age = time.GetUtcNow().UtcDateTime - probed.AtUtc;
        return age <= Period * 3 + Timeout
            ? probed.Result
            : HealthCheckResult.Unhealthy(
                $"{database.Engine} {database.DisplayName}: the last probe is {age.TotalSeconds:0} s old (probing is stuck)"
            );
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            last = (await ProbeAsync(stoppingToken), time.GetUtcNow().UtcDateTime);
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task<HealthCheckResult> ProbeAsync(CancellationToken stoppingToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        cts.CancelAfter(Timeout);
        try
        {
            await using var connection = database.CreateConnection();
            await connection.OpenAsync(cts.Token);
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT 1";
            cmd.CommandTimeout = (int)Timeout.TotalSeconds;
            await cmd.ExecuteScalarAsync(cts.Token);
            return HealthCheckResult.Healthy(database.DisplayName);
        }
        catch (Exception e) when (e is not OutOfMemoryException && !stoppingToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{database.Engine} {database.DisplayName}: {e.Message}");
        }
    }
}
