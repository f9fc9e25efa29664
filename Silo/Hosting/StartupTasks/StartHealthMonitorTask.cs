using Orleans.Betting.Health;

namespace Orleans.Betting.Silo.Hosting.StartupTasks;

/// <summary>Starts the cluster's health monitor (idempotent: one monitor grain, its own timer and reminder).</summary>
public sealed class StartHealthMonitorTask(IGrainFactory grains) : IStartupTask
{
    public Task Execute(CancellationToken cancellationToken) => grains.GetGrain<IHealthMonitorGrain>(IHealthMonitorGrain.Key).StartAsync();
}
