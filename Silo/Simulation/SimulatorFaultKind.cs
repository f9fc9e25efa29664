namespace Orleans.Betting.Silo.Simulation;

public enum SimulatorFaultKind
{
    Http500,
    Latency,
    Malformed,
    Reset,
    RateLimit,

    /// <summary>A 200 whose JSON array is padded with 100 MB of whitespace (valid JSON, sent chunked, no length).</summary>
    HugeBody,

    /// <summary>A 200 whose body arrives a byte at a time, every half second, until the fault ends or the client goes.</summary>
    TricklingBody,
}
