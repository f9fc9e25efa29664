namespace Orleans.Betting.Strategies;

[GenerateSerializer, Immutable]
[Alias("betting.LifecycleChange")]
public sealed record LifecycleChange(
    [property: Id(0)] StrategyLifecycle From,
    [property: Id(1)] StrategyLifecycle To,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTime AtUtc
);
