using Orleans.Betting.Drills;

namespace Orleans.Betting.Silo.Simulation;

/// <summary>The built-in simulator's faults, for the client's `sim fault` drills (through <see cref="ISimulatorControlGrain"/>).</summary>
public sealed class SimulatorFaultInjector(OddsApiSimulator simulator) : IFaultInjector
{
    public string Inject(FaultKind kind, TimeSpan duration, TimeSpan? latency)
    {
        var fault = kind switch
        {
            FaultKind.Http500 => SimulatorFaultKind.Http500,
            FaultKind.Latency => SimulatorFaultKind.Latency,
            FaultKind.Malformed => SimulatorFaultKind.Malformed,
            FaultKind.Reset => SimulatorFaultKind.Reset,
            FaultKind.RateLimit => SimulatorFaultKind.RateLimit,
            _ => throw new ArgumentException($"fault kind {(int)kind}: one of {string.Join(", ", FaultKinds.Names)}"),
        };
        simulator.InjectFault(fault, duration, latency);
        return $"odds simulator: {kind.Name()} for {duration.TotalSeconds:0.#} s{(fault == SimulatorFaultKind.Latency ? $" ({(latency ?? TimeSpan.FromSeconds(3)).TotalMilliseconds:0} ms per call)" : "")}";
    }

    public string Clear()
    {
        simulator.ClearFaults();
        return "odds simulator: faults cleared";
    }
}
