namespace Orleans.Betting.Swarms;

/// <summary>Collects votes from deployed strategy grains within a deadline and turns them into picks (key: run id).</summary>
public interface IConsensusSwarmGrain : IGrainWithStringKey
{
    Task<ConsensusResult> RunAsync(ConsensusRequest request, CancellationToken cancellationToken = default);
}
