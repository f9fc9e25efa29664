using Orleans.Betting.Ledger;

namespace Orleans.Betting.Agents;

[GenerateSerializer, Immutable]
[Alias("betting.RiskDecision")]
public sealed record RiskDecision([property: Id(0)] IReadOnlyList<PaperBet> Accepted, [property: Id(1)] IReadOnlyList<RiskVeto> Vetoes);
