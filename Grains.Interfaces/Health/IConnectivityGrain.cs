using Orleans.Concurrency;

namespace Orleans.Betting.Health;

/// <summary>Holds the connectivity graph (key "cluster"): every silo's auditor reports its probes here.</summary>
public interface IConnectivityGrain : IGrainWithStringKey
{
    const string Key = "cluster";

    Task ReportAsync(string silo, IReadOnlyList<ComponentHealth> components);

    /// <summary>A silo's host figures (disk, data size, network), kept per silo endpoint until it stops reporting.</summary>
    Task ReportHostAsync(HostFigures figures);

    [AlwaysInterleave]
    [ClientReadable]
    Task<IReadOnlyList<HostFigures>> GetHostsAsync();

    [AlwaysInterleave]
    [ClientReadable]
    Task<HealthGraph> GetGraphAsync();
}
