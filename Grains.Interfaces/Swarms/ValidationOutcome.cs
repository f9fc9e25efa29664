using Orleans.Betting.Strategies;

namespace Orleans.Betting.Swarms;

[GenerateSerializer, Immutable]
[Alias("betting.ValidationOutcome")]
public sealed record ValidationOutcome(
    [property: Id(0)] string Id,
    [property: Id(1)] string Family,
    [property: Id(2)] StrategySpec Spec,
    [property: Id(3)] bool Approved,
    [property: Id(4)] IReadOnlyList<ValidatorVerdict> Verdicts,
    [property: Id(5)] BacktestFigures OutOfSample,
    [property: Id(6)] double DeflatedSharpe
);
