using Orleans.Concurrency;

namespace Orleans.Betting.Health;

/// <summary>
/// The connectivity graph (key "cluster"), in memory: each silo's auditor reports its probes every
/// few seconds, so after a restart the graph is whole again within one audit period. The latest
/// report of a component wins; silos gone from the reports age out.
/// </summary>
[Reentrant]
public sealed class ConnectivityGrain(TimeProvider time) : Grain, IConnectivityGrain
{
    private readonly Dictionary<string, ComponentHealth> components = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HostFigures> hosts = new(StringComparer.Ordinal);
    private DateTime? lastAudit;

    public Task ReportHostAsync(HostFigures figures)
    {
        hosts[figures.Silo] = figures;
        var forgotten = time.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(10);
        foreach (var old in hosts.Values.Where(h => h.AtUtc < forgotten).Select(h => h.Silo).ToList())
        {
            hosts.Remove(old);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<HostFigures>> GetHostsAsync() =>
        Task.FromResult<IReadOnlyList<HostFigures>>(hosts.Values.OrderBy(h => h.Silo, StringComparer.Ordinal).ToList());

    public Task ReportAsync(string silo, IReadOnlyList<ComponentHealth> reported)
    {
        foreach (var component in reported)
        {
            if (!components.TryGetValue(component.Name, out var known) || known.CheckedUtc <= component.CheckedUtc)
            {
                components[component.Name] = component;
            }
        }

        lastAudit = time.GetUtcNow().UtcDateTime;
        var forgotten = time.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(10);
        foreach (var old in components.Values.Where(c => c.CheckedUtc < forgotten).Select(c => c.Name).ToList())
        {
            components.Remove(old);
        }

        return Task.CompletedTask;
    }

    public Task<HealthGraph> GetGraphAsync() =>
        Task.FromResult(
            new HealthGraph(
                components.Values.OrderBy(c => c.Kind, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal).ToList(),
                lastAudit
            )
        );
}
