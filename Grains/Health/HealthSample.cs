namespace Orleans.Betting.Health;

/// <summary>What the monitor saw at one sample.</summary>
public sealed record HealthSample(
    DateTime AtUtc,
    IReadOnlyList<ApiSample> Apis,
    IReadOnlyList<ComponentHealth> Components,
    IReadOnlyList<AgentSample> Agents,
    IReadOnlyList<StrategyLiveSample> Strategies,
    IReadOnlyList<BookFreshness> Books
);
