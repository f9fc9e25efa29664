using Orleans.Betting.Market;

namespace Orleans.Betting.Agents;

[GenerateSerializer, Immutable]
[Alias("betting.RiskVeto")]
public sealed record RiskVeto(
    [property: Id(0)] string MatchId,
    [property: Id(1)] Selection Selection,
    [property: Id(2)] string Rule,
    [property: Id(3)] string Reason
);
