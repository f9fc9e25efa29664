namespace Orleans.Betting.Agents;

/// <summary>
/// The risk manager's limits (Betting:Risk:*). Exposure caps are shares of the bankroll per match, kick-off day,
/// league and bookmaker; below <see cref="BankrollFloor"/> of the initial bankroll nothing is bet; a stake cut below
/// <see cref="MinStake"/> (money) is a veto. Stakes are <see cref="KellyFraction"/> of the simultaneous Kelly stakes,
/// scaled down linearly from 1 at a drawdown of <see cref="DeRiskFrom"/> to <see cref="DeRiskFloor"/> at
/// <see cref="DeRiskFull"/> (shares of the peak bankroll), and restored the same way as the bankroll recovers.
/// </summary>
public sealed record RiskLimits(
    double MaxPerMatch = 0.03,
    double MaxPerDay = 0.10,
    double MaxPerLeague = 0.15,
    double BankrollFloor = 0.5,
    double MinStake = 1.0,
    double MaxPerBookmaker = 0.10,
    double KellyFraction = 0.25,
    double DeRiskFrom = 0.05,
    double DeRiskFull = 0.25,
    double DeRiskFloor = 0.25
)
{
    /// <summary>The share of the Kelly stakes taken at a drawdown (a share of the peak bankroll).</summary>
    public double DeRiskScale(double drawdown) =>
        drawdown <= DeRiskFrom ? 1
        : drawdown >= DeRiskFull ? DeRiskFloor
        : 1 - (1 - DeRiskFloor) * (drawdown - DeRiskFrom) / (DeRiskFull - DeRiskFrom);
}
