using Orleans.Betting.Market;

namespace Orleans.Betting.Strategies;

[GenerateSerializer, Immutable]
[Alias("betting.BacktestReport")]
public sealed record BacktestReport(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] StrategySpec Spec,
    [property: Id(2)] string League,
    [property: Id(3)] IReadOnlyList<string> Seasons,
    [property: Id(4)] string Staking,
    [property: Id(5)] int MatchesEvaluated,
    [property: Id(6)] BacktestFigures Figures,
    [property: Id(7)] IReadOnlyList<EquityPoint> Equity,
    [property: Id(8)] DateTime RanUtc,
    [property: Id(9)] double ElapsedMs,
    [property: Id(10)] double[]? Returns = null,
    [property: Id(11)] IReadOnlyDictionary<string, double>? RoiBySeason = null,
    /// <summary>With <see cref="Returns"/>: what each return was a bet on.</summary>
    [property: Id(12)] BetKey[]? ReturnKeys = null,
    /// <summary>Matches the strategy could not judge, by reason (skipped and counted, the backtest went on).</summary>
    [property: Id(13)] IReadOnlyDictionary<string, int>? SkippedMatches = null,
    // Profit and stake per equal time block of the tested period (when asked for blocks).
    [property: Id(14)] double[]? BlockProfits = null,
    [property: Id(15)] double[]? BlockStakes = null,
    /// <summary>With <see cref="Returns"/>: each bet's closing line value (NaN where there is no sharp close) and stake.</summary>
    [property: Id(16)] double[]? Clvs = null,
    [property: Id(17)] double[]? Stakes = null
);
