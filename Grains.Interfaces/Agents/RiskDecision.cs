using Orleans.Betting.Ledger;

namespace Orleans.Betting.Agents;

[GenerateSerializer, Immutable]
public sealed record RiskDecision([property: Id(0)] IReadOnlyList<PaperBet> Accepted, [property: Id(1)] IReadOnlyList<RiskVeto> Vetoes);
