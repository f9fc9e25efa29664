using Microsoft.Extensions.DependencyInjection;
using Orleans.Betting.Agents;
using Orleans.Concurrency;

namespace Orleans.Betting.Drills;

/// <summary>
/// Fault drills from outside (the client's `sim fault`): into the simulator of the silo that runs
/// it, or into an agent. Only where a simulator runs (the Embedded profile): refused elsewhere, so
/// nobody injects faults into a production cluster by accident.
/// </summary>
[StatelessWorker]
public sealed class SimulatorControlGrain(IServiceProvider services, IGrainFactory grains) : Grain, ISimulatorControlGrain
{
    private IFaultInjector Injector =>
        services.GetService<IFaultInjector>()
        ?? throw new InvalidOperationException(
            "fault injection is refused: this silo runs no odds simulator (only the Embedded profile with its built-in simulator accepts drills)"
        );

    public async Task<string> InjectFaultAsync(FaultRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var injector = Injector;
        if (!(request.Seconds > 0) || request.Seconds > 3600)
        {
            throw new ArgumentException($"fault duration {request.Seconds} s: between 0 and 3600 s");
        }

        var duration = TimeSpan.FromSeconds(request.Seconds);
        if (request.Target == FaultTarget.Agent)
        {
            await grains.Agent(request.Name).InjectFaultAsync(duration, "drill: every tick throws");
            return $"agent {request.Name}: every tick throws for {request.Seconds:0.#} s";
        }

        if (request.Name != ExternalApis.ApiNames.Odds)
        {
            throw new ArgumentException($"fault injection targets --api odds (the simulated API) or --agent NAME, not '{request.Name}'");
        }

        if (!Enum.IsDefined(request.Kind))
        {
            throw new ArgumentException($"fault kind {(int)request.Kind}: one of {string.Join(", ", FaultKinds.Names)}");
        }

        return injector.Inject(request.Kind, duration, request.LatencyMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
    }

    public Task<string> ClearFaultsAsync() => Task.FromResult(Injector.Clear());
}
