using Orleans.Betting.Ledger;
using Orleans.Betting.Swarms;
using Orleans.Concurrency;

namespace Orleans.Betting.Agents;

[GenerateSerializer, Immutable]
public sealed record RiskDecision([property: Id(0)] IReadOnlyList<PaperBet> Accepted, [property: Id(1)] IReadOnlyList<RiskVeto> Vetoes);
