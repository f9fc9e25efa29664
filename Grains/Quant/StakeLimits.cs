namespace Orleans.Betting.Quant;

/// <summary>Exposure caps as fractions of the current bankroll, and a floor below which nothing is staked.</summary>
public sealed record StakeLimits(
    double MaxBetFraction = 1,
    double MaxMatchFraction = 1,
    double MaxDayFraction = 1,
    double BankrollFloor = 0
)
{
    public static StakeLimits None { get; } = new();
}
