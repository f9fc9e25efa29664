namespace Orleans.Betting.Agents;

/// <summary>
/// How one set of bets was sized together: the bankroll and its drawdown from the peak (shares), the de-risking scale
/// that drawdown gave, the Kelly fraction, the total the bets would have staked sized one by one (independent
/// fractional Kelly) against what the portfolio stakes before and after the caps (money), and the expected log growth
/// of the portfolio (per unit of bankroll, over the positions sized).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.PortfolioSizing")]
public sealed record PortfolioSizing(
    [property: Id(0)] double Bankroll,
    [property: Id(1)] double DrawdownShare,
    [property: Id(2)] double DeRiskScale,
    [property: Id(3)] double KellyFraction,
    [property: Id(4)] double IndependentStake,
    [property: Id(5)] double PortfolioStake,
    [property: Id(6)] double FinalStake,
    [property: Id(7)] double ExpectedLogGrowth,
    [property: Id(8)] int Positions,
    [property: Id(9)] bool Exact
);
