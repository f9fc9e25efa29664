namespace Orleans.Betting.Quant;

/// <summary>
/// Exposure caps as fractions of the current bankroll (settled wealth): per bet, per match, per
/// decision day and over all open (unsettled) bets; and a floor below which nothing is staked.
/// </summary>
public sealed record StakeLimits(
    double MaxBetFraction = 1,
    double MaxMatchFraction = 1,
    double MaxDayFraction = 1,
    double BankrollFloor = 0,
    double MaxOpenFraction = 1
)
{
    public static StakeLimits None { get; } = new();
}
