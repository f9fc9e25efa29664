using Orleans.Betting.Market;

namespace Orleans.Betting.Swarms;

/// <summary>A change a voter made to one vote in the second round, with the figures and the reason.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.Revision")]
public sealed record Revision(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] string MatchId,
    [property: Id(2)] Selection Selection,
    [property: Id(3)] RevisionAction Action,
    [property: Id(4)] double FromProbability,
    [property: Id(5)] double ToProbability,
    [property: Id(6)] double FromEdge,
    [property: Id(7)] double ToEdge,
    [property: Id(8)] string Reason
);
