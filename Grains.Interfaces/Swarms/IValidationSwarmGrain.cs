namespace Orleans.Betting.Swarms;

/// <summary>Independent validators per candidate; approval must be unanimous (key: run id).</summary>
public interface IValidationSwarmGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<ValidationOutcome>> RunAsync(ValidationRequest request, CancellationToken cancellationToken = default);
}
