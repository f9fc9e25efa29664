using Orleans.Betting.Market;

namespace Orleans.Betting.Swarms;

[GenerateSerializer, Immutable]
[Alias("betting.Vote")]
public sealed record Vote(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] string MatchId,
    [property: Id(2)] Selection Selection,
    [property: Id(3)] double Probability,
    [property: Id(4)] double Price,
    [property: Id(5)] QuoteSource Source,
    [property: Id(6)] double Edge,
    [property: Id(7)] double Confidence
);
