namespace Orleans.Betting.Health;

/// <summary>A persisted write whose latency says how the storage is.</summary>
public interface IStorageProbeGrain : IGrainWithStringKey
{
    Task<double> ProbeAsync();
}
