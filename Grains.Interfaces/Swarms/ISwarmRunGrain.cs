using Orleans.Concurrency;

namespace Orleans.Betting.Swarms;

/// <summary>One swarm run (key: run id): generation → validation → deployment → consensus, persisted, resumable.</summary>
public interface ISwarmRunGrain : IGrainWithStringKey
{
    Task<SwarmRunStatus> StartAsync(SwarmRunRequest request);

    [AlwaysInterleave]
    [ClientReadable]
    Task<SwarmRunStatus> GetStatusAsync();

    [AlwaysInterleave, OneWay]
    Task ReportProgressAsync(SwarmProgress progress);
}
