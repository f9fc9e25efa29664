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

    public RiskLimits Limits => new(MaxPerMatch, MaxPerDay, MaxPerLeague, BankrollFloor, MinStake);

    public void Validate(OptionsProblems problems) =>
        problems
            .Between(nameof(MaxPerMatch), MaxPerMatch, 0, 1)
            .Between(nameof(MaxPerDay), MaxPerDay, 0, 1)
            .Between(nameof(MaxPerLeague), MaxPerLeague, 0, 1)
            .Between(nameof(BankrollFloor), BankrollFloor, 0, 1)
            .AtLeast(nameof(MinStake), MinStake, 0);
}
