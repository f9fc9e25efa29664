using System.Globalization;

namespace Orleans.Betting.Quant;

/// <summary>
/// How much to stake: Flat (units per bet), Proportional (fraction of the free bankroll), Kelly
/// (fraction of the Kelly stake on the free bankroll). Parsed from "flat", "flat:2",
/// "proportional:0.01", "kelly:0.25". A bare "kelly" is quarter Kelly (<see cref="DefaultKellyFraction"/>):
/// full Kelly on estimated probabilities overbets whenever the estimate is off, so nobody should get
/// it by leaving the fraction out; "kelly:1" asks for it explicitly.
/// </summary>
public sealed record StakingPlan(StakingKind Kind, double Parameter)
{
    public const double DefaultKellyFraction = 0.25;

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
        var parameter = kind switch
        {
            StakingKind.Flat => 1.0,
            StakingKind.Kelly => DefaultKellyFraction,
            _ => double.NaN,
        };
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
