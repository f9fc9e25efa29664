using Orleans.Betting.Strategies;

namespace Orleans.Betting.Swarms;

[GenerateSerializer, Immutable]
[Alias("betting.RegisteredStrategy")]
public sealed record RegisteredStrategy(
    [property: Id(0)] string Id,
    [property: Id(1)] string Family,
    [property: Id(2)] StrategySpec Spec,
    [property: Id(3)] string RunId,
    [property: Id(4)] DateTime AddedUtc
);
