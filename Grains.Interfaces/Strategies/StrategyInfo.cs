namespace Orleans.Betting.Strategies;

[GenerateSerializer, Immutable]
[Alias("betting.StrategyInfo")]
public sealed record StrategyInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] StrategySpec? Spec,
    [property: Id(2)] StrategyLifecycle Lifecycle,
    [property: Id(3)] IReadOnlyList<LifecycleChange> History,
    [property: Id(4)] IReadOnlyList<BacktestReport> Reports,
    [property: Id(5)] double ConsensusWeight,
    [property: Id(6)] IReadOnlyList<Swarms.ValidatorVerdict>? Verdicts = null,
    [property: Id(7)] string? PausedReason = null,
    [property: Id(8)] DateTime? ResumedUtc = null
);
