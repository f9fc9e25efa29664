using Orleans.Betting.Market;

namespace Orleans.Betting.Agents;

/// <summary>One rule lowering one proposed stake: the stake before and after (money), and why, with its figures.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.StakeCut")]
public sealed record StakeCut(
    [property: Id(0)] string MatchId,
    [property: Id(1)] Selection Selection,
    [property: Id(2)] string Rule,
    [property: Id(3)] double Before,
    [property: Id(4)] double After,
    [property: Id(5)] string Reason
);
