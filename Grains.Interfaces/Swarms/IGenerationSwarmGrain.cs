namespace Orleans.Betting.Swarms;

/// <summary>Ideation → sharing → refinement → selection over strategy grains (key: run id).</summary>
public interface IGenerationSwarmGrain : IGrainWithStringKey
{
    Task<GenerationResult> RunAsync(GenerationRequest request, CancellationToken cancellationToken = default);
}
