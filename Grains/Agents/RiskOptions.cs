using Orleans.Betting.Configuration;

namespace Orleans.Betting.Agents;

/// <summary>RiskManagement's exposure limits (<c>Betting:Risk</c>), as shares of the bankroll.</summary>
public sealed class RiskOptions : IValidatedOptions
{
    public const string Section = "Betting:Risk";

    public double MaxPerMatch { get; set; } = 0.03;

    public double MaxPerDay { get; set; } = 0.10;

    public double MaxPerLeague { get; set; } = 0.15;

    /// <summary>Below this share of the initial bankroll nothing is bet.</summary>
    public double BankrollFloor { get; set; } = 0.5;

    /// <summary>A stake cut below this (in money) is a veto.</summary>
    public double MinStake { get; set; } = 1.0;

    public double MaxPerBookmaker { get; set; } = 0.10;

    /// <summary>The share of the simultaneous Kelly stakes bet (a quarter: full Kelly on estimated probabilities over-bets).</summary>
    public double KellyFraction { get; set; } = 0.25;

    /// <summary>Drawdown (a share of the peak bankroll) from which stakes are scaled down.</summary>
    public double DeRiskFrom { get; set; } = 0.05;

    /// <summary>Drawdown at which the scale reaches <see cref="DeRiskFloor"/>.</summary>
    public double DeRiskFull { get; set; } = 0.25;

    /// <summary>The smallest share of the Kelly stakes kept in a deep drawdown.</summary>
    public double DeRiskFloor { get; set; } = 0.25;

    public RiskLimits Limits =>
        new(
            MaxPerMatch,
            MaxPerDay,
            MaxPerLeague,
            BankrollFloor,
            MinStake,
            MaxPerBookmaker,
            KellyFraction,
            DeRiskFrom,
            DeRiskFull,
            DeRiskFloor
        );

    public void Validate(OptionsProblems problems) =>
        problems
            .Between(nameof(MaxPerMatch), MaxPerMatch, 0, 1)
            .Between(nameof(MaxPerDay), MaxPerDay, 0, 1)
            .Between(nameof(MaxPerLeague), MaxPerLeague, 0, 1)
            .Between(nameof(BankrollFloor), BankrollFloor, 0, 1)
            .AtLeast(nameof(MinStake), MinStake, 0)
            .Between(nameof(MaxPerBookmaker), MaxPerBookmaker, 0, 1)
            .Between(nameof(KellyFraction), KellyFraction, 0, 1)
            .Between(nameof(DeRiskFrom), DeRiskFrom, 0, 1)
            .Between(nameof(DeRiskFull), DeRiskFull, 0, 1)
            .Between(nameof(DeRiskFloor), DeRiskFloor, 0, 1)
            .Require(DeRiskFull > DeRiskFrom, nameof(DeRiskFull), DeRiskFull, $"must exceed {nameof(DeRiskFrom)} ({DeRiskFrom})");
}
