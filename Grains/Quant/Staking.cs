using System.Globalization;

namespace Orleans.Betting.Quant;

public enum StakingKind
{
    Flat,
    Proportional,
    Kelly,
}

/// <summary>
/// How much to stake: Flat (units per bet), Proportional (fraction of bankroll), Kelly (fraction of
/// the Kelly stake). Parsed from "flat", "flat:2", "proportional:0.01", "kelly:0.25".
/// </summary>
public sealed record StakingPlan(StakingKind Kind, double Parameter)
{
    public static StakingPlan FlatUnit { get; } = new(StakingKind.Flat, 1);

    public static StakingPlan Parse(string text)
    {
        var parts = text.Trim().Split(':', 2);
        var kind = parts[0].ToLowerInvariant() switch
        {
            "flat" => StakingKind.Flat,
            "proportional" => StakingKind.Proportional,
            "kelly" => StakingKind.Kelly,
            _ => throw new QuantException($"staking '{text}': expected flat[:units], proportional:fraction or kelly[:fraction]"),
        };
        var parameter = kind switch { StakingKind.Flat => 1.0, StakingKind.Kelly => 1.0, _ => double.NaN };
        if (parts.Length == 2 && !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out parameter))
        {
            throw new QuantException($"staking '{text}': '{parts[1]}' is not a number");
        }

        if (double.IsNaN(parameter) || parameter <= 0 || (kind != StakingKind.Flat && parameter > 1))
        {
            throw new QuantException($"staking '{text}': the parameter must be > 0 (and ≤ 1 for proportional and kelly)");
        }

        return new StakingPlan(kind, parameter);
    }

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{Parameter.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>Exposure caps as fractions of the current bankroll, and a floor below which nothing is staked.</summary>
public sealed record StakeLimits(double MaxBetFraction = 1, double MaxMatchFraction = 1, double MaxDayFraction = 1, double BankrollFloor = 0)
{
    public static StakeLimits None { get; } = new();
}

/// <summary>Sizes one stake under a plan and the limits, given what is already exposed.</summary>
public static class StakeSizer
{
    public static double Size(StakingPlan plan, StakeLimits limits, double bankroll, double price, double probability,
        double matchExposure = 0, double dayExposure = 0)
    {
        if (bankroll <= limits.BankrollFloor)
        {
            return 0;
        }

        if (plan.Kind == StakingKind.Flat && ReferenceEquals(limits, StakeLimits.None))
        {
            return Math.Min(plan.Parameter, bankroll); // the common case of baselines and screens
        }

        var raw = plan.Kind switch
        {
            StakingKind.Flat => plan.Parameter,
            StakingKind.Proportional => plan.Parameter * bankroll,
            _ => plan.Parameter * Kelly.Single(price, probability) * bankroll,
        };

        var stake = Math.Min(raw, limits.MaxBetFraction * bankroll);
        stake = Math.Min(stake, Math.Max(0, limits.MaxMatchFraction * bankroll - matchExposure));
        stake = Math.Min(stake, Math.Max(0, limits.MaxDayFraction * bankroll - dayExposure));
        // Never stake through the floor.
        stake = Math.Min(stake, bankroll - limits.BankrollFloor);
        return stake > 1e-12 ? stake : 0;
    }
}
