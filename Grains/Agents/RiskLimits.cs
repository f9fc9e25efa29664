namespace Orleans.Betting.Agents;

/// <summary>Exposure limits as shares of the bankroll (Betting:Risk:*).</summary>
public sealed record RiskLimits(
    double MaxPerMatch = 0.03,
    double MaxPerDay = 0.10,
    double MaxPerLeague = 0.15,
    double BankrollFloor = 0.5,
    double MinStake = 1.0
);
