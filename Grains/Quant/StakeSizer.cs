namespace Orleans.Betting.Quant;

/// <summary>Sizes one stake under a plan and the limits, given what is already exposed.</summary>
public static class StakeSizer
{
    public static double Size(
        StakingPlan plan,
        StakeLimits limits,
        double bankroll,
        double price,
        double probability,
        double matchExposure = 0,
        double dayExposure = 0
    )
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
