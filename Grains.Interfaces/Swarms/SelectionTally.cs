using Orleans.Betting.Market;

namespace Orleans.Betting.Swarms;

/// <summary>
/// One selection's standing after a round of votes: how many strategies backed it, its share of the
/// match's weighted score (as the rule counts it) and of its own market's (only outcomes of one market and
/// line exclude each other), their mean edge, and the sharp book's de-margined opening probability (NaN
/// when not quoted in full), a price every voter has seen by the time it votes.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.SelectionTally")]
public sealed record SelectionTally(
    [property: Id(0)] Selection Selection,
    [property: Id(1)] int Voters,
    [property: Id(2)] double ScoreShare,
    [property: Id(3)] double MeanEdge,
    [property: Id(4)] double SharpFair,
    [property: Id(5)] double MarketShare
);
