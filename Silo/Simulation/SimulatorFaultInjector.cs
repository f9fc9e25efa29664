using Orleans.Betting.Drills;
using Orleans.Betting.Health;

namespace Orleans.Betting.Silo.Simulation;

/// <summary>The built-in simulator's faults, for the client's `sim fault` drills (through <see cref="ISimulatorControlGrain"/>).</summary>
public sealed class SimulatorFaultInjector(OddsApiSimulator simulator) : IFaultInjector
{
    public string Inject(string kind, TimeSpan duration, TimeSpan? latency)
    {
        if (
            !Enum.TryParse<SimulatorFaultKind>(kind.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed)
            || !FaultRequest.Kinds.Contains(kind.ToLowerInvariant())
        )
        {
            throw new ArgumentException($"fault kind '{kind}': one of {string.Join(", ", FaultRequest.Kinds)}");
        }

        simulator.InjectFault(parsed, duration, latency);
        return $"odds simulator: {kind} for {duration.TotalSeconds:0.#} s{(parsed == SimulatorFaultKind.Latency ? $" ({(latency ?? TimeSpan.FromSeconds(3)).TotalMilliseconds:0} ms per call)" : "")}";
    }

    public string Clear()
    {
        simulator.ClearFaults();
        return "odds simulator: faults cleared";
    }
}
