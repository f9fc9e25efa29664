namespace Orleans.Betting.Quant;

/// <summary>
/// Sizes one stake under a plan and the limits, given what is already exposed. Money staked on bets
/// not yet settled is not there to stake again: proportional and Kelly stakes are fractions of the
/// <em>free</em> bankroll (bankroll − open stakes), no stake exceeds it, and total open exposure is
/// capped by <see cref="StakeLimits.MaxOpenFraction"/>. The per-bet/match/day caps are fractions of
/// the bankroll (settled wealth, open stakes included).
/// </summary>
public static class StakeSizer
{
    public static double Size(
        StakingPlan plan,
        StakeLimits limits,
        double bankroll,
        double price,
        double probability,
        double matchExposure = 0,
        double dayExposure = 0,
        double openExposure = 0
    )
    {
        var free = bankroll - openExposure;
        if (free <= limits.BankrollFloor)
        {
            return 0;
        }

        if (plan.Kind == StakingKind.Flat && ReferenceEquals(limits, StakeLimits.None))
        {
            return Math.Min(plan.Parameter, free); // the common case of baselines and screens
        }

        var raw = plan.Kind switch
        {
            StakingKind.Flat => plan.Parameter,
            StakingKind.Proportional => plan.Parameter * free,
            _ => plan.Parameter * Kelly.Single(price, probability) * free,
        };

        var stake = Math.Min(raw, limits.MaxBetFraction * bankroll);
        stake = Math.Min(stake, Math.Max(0, limits.MaxMatchFraction * bankroll - matchExposure));
        stake = Math.Min(stake, Math.Max(0, limits.MaxDayFraction * bankroll - dayExposure));
        stake = Math.Min(stake, Math.Max(0, limits.MaxOpenFraction * bankroll - openExposure));
        // Never stake through the floor, nor money already at risk.
        stake = Math.Min(stake, free - limits.BankrollFloor);
        return stake > 1e-12 ? stake : 0;
    }
}
