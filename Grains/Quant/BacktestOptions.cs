namespace Orleans.Betting.Quant;

/// <summary>
/// How to run a backtest. Stress knobs: <paramref name="PriceWorsening"/> divides every price by
/// (1 + x) (implied probability x higher), <paramref name="RefuseShare"/> refuses that share of
/// bets at random (seeded), as a bookmaker limiting the account would. Matches kicking off before
/// <paramref name="BetFromUtc"/> are warm-up: known to the strategy as history, never bet.
/// </summary>
public sealed record BacktestOptions(
    StakingPlan Staking,
    StakeLimits Limits,
    double InitialBankroll = 100,
    int BootstrapSamples = 2000,
    int Seed = 1,
    double PriceWorsening = 0,
    double RefuseShare = 0,
    DateTime? BetFromUtc = null
)
{
    public static BacktestOptions FlatUnits { get; } = new(StakingPlan.FlatUnit, StakeLimits.None);
}
