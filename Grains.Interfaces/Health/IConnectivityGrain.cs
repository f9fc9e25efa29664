using Orleans.Concurrency;

namespace Orleans.Betting.Health;

/// <summary>Holds the connectivity graph (key "cluster"): every silo's auditor reports its probes here.</summary>
public interface IConnectivityGrain : IGrainWithStringKey
{
    const string Key = "cluster";

    Task ReportAsync(string silo, IReadOnlyList<ComponentHealth> components);

    [AlwaysInterleave]
    [ClientReadable]
    Task<HealthGraph> GetGraphAsync();
}
