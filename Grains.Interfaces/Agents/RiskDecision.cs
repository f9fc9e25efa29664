using Orleans.Betting.Ledger;

namespace Orleans.Betting.Agents;

/// <summary>
/// The risk manager's answer for a set of proposed bets: those accepted with their final stakes, those vetoed, every
/// cut made to a stake on the way (rule and figures), and how the day was sized.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.RiskDecision")]
public sealed record RiskDecision(
    [property: Id(0)] IReadOnlyList<PaperBet> Accepted,
    [property: Id(1)] IReadOnlyList<RiskVeto> Vetoes,
    [property: Id(2)] IReadOnlyList<StakeCut>? Cuts = null,
    [property: Id(3)] PortfolioSizing? Sizing = null
);
