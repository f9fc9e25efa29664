namespace Orleans.Betting.Drills;

/// <summary>Reaches the silo-hosted simulator; refuses where there is none (any profile but Embedded).</summary>
public interface ISimulatorControlGrain : IGrainWithStringKey
{
    Task<string> InjectFaultAsync(FaultRequest request);

    Task<string> ClearFaultsAsync();
}
