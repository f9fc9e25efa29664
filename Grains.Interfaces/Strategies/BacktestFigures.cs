namespace Orleans.Betting.Strategies;

[GenerateSerializer, Immutable]
[Alias("betting.BacktestFigures")]
public sealed record BacktestFigures(
    [property: Id(0)] int Bets,
    [property: Id(1)] int Wins,
    [property: Id(2)] double Staked,
    [property: Id(3)] double Profit,
    [property: Id(4)] double Roi,
    [property: Id(5)] double HitRate,
    [property: Id(6)] double AveragePrice,
    [property: Id(7)] double MaxDrawdownAmount,
    [property: Id(8)] double SharpePerBet,
    [property: Id(9)] double TStatistic,
    [property: Id(10)] double? MeanClv,
    [property: Id(11)] int ClvBets,
    [property: Id(12)] double RoiLow95,
    [property: Id(13)] double RoiHigh95,
    [property: Id(14)] double FinalBankroll,
    /// <summary>Standard deviation of the per-bet CLV (over <see cref="ClvBets"/>); null without a sharp close.</summary>
    [property: Id(15)] double? ClvSd = null
);
