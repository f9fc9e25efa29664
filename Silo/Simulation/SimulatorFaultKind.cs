namespace Orleans.Betting.Silo.Simulation;

public enum SimulatorFaultKind
{
    Http500,
    Latency,
    Malformed,
    Reset,
    RateLimit,
}
