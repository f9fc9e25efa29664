using Orleans.Betting.Strategies;

namespace Orleans.Betting.Swarms;

[GenerateSerializer, Immutable]
[Alias("betting.CandidateResult")]
public sealed record CandidateResult(
    [property: Id(0)] string Id,
    [property: Id(1)] string Family,
    [property: Id(2)] StrategySpec Spec,
    [property: Id(3)] double Fitness,
    [property: Id(4)] BacktestFigures Training,
    [property: Id(5)] string Origin,
    [property: Id(7)] double[]? BlockProfits = null,
    [property: Id(8)] double[]? BlockStakes = null
);
