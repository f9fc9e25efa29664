namespace Orleans.Betting.Silo.Simulation;

/// <summary>
/// What the simulator saw: every API request, the ones served, the 429s it answered (limit violations),
/// the faults it injected and the bytes of faulty bodies (huge, trickling) the clients actually took.
/// </summary>
public sealed record SimulatorStats(
    long Requests,
    long Served,
    long RateLimited,
    long FaultsInjected,
    long Rejected,
    long CreditsUsed,
    long CreditsRemaining,
    string? ActiveFault,
    DateTime? FaultUntilUtc,
    long CreditsTotal = 0,
    long FaultBodyBytes = 0
);
