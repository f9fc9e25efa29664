namespace Orleans.Betting.Ledger;

/// <summary>
/// What the paper ledger's settled bets say, broken down by league, market, odds band, tier, bookmaker and strategy
/// (keys of <see cref="Breakdowns"/>), with the calibration of each strategy's probabilities and of the consensus's
/// (every bet with a probability), and CLV attribution in every row. Demo markets' figures come from their planted
/// edge: <see cref="Market"/> says which market the ledger traded.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.LedgerInsights")]
public sealed record LedgerInsights(
    [property: Id(0)] IReadOnlyDictionary<string, IReadOnlyList<BreakdownRow>> Breakdowns,
    [property: Id(1)] IReadOnlyList<CalibrationRow> Calibration,
    [property: Id(2)] int Settled,
    [property: Id(3)] int Open,
    [property: Id(4)] int WithoutProbability,
    [property: Id(5)] string Market = ""
);

/// <summary>
/// One group's settled bets: counts; money staked and won (money); ROI and mean CLV (shares); and CLV attribution:
/// <see cref="ExpectedFromClv"/> = Σ stake × CLV over bets with a CLV, the profit their prices against the close were
/// worth, and <see cref="Variance"/> = profit − that, what the results added by luck (money). Half results count in
/// <see cref="Won"/> as a half.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.BreakdownRow")]
public sealed record BreakdownRow(
    [property: Id(0)] string Key,
    [property: Id(1)] int Bets,
    [property: Id(2)] double Won,
    [property: Id(3)] double Staked,
    [property: Id(4)] double Profit,
    [property: Id(5)] double Roi,
    [property: Id(6)] double? MeanClv,
    [property: Id(7)] int ClvBets,
    [property: Id(8)] double ExpectedFromClv,
    [property: Id(9)] double Variance
);

/// <summary>
/// How well one strategy's probabilities (or the consensus's, <see cref="InsightsNames.Consensus"/>) matched results on
/// its decided bets (won or lost; voids and half results left out): the Brier score (mean squared error, 0 best, 0.25
/// for a coin's 50 %), the log loss (natural log, per bet) and a reliability table of ten probability bins.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.CalibrationRow")]
public sealed record CalibrationRow(
    [property: Id(0)] string Strategy,
    [property: Id(1)] int Bets,
    [property: Id(2)] double Brier,
    [property: Id(3)] double LogLoss,
    [property: Id(4)] IReadOnlyList<CalibrationBin> Bins,
    [property: Id(5)] double MeanProbability,
    [property: Id(6)] double WinRate
);

/// <summary>One probability bin [From, To): the bets in it, their mean stated probability and the share that won.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.CalibrationBin")]
public sealed record CalibrationBin(
    [property: Id(0)] double From,
    [property: Id(1)] double To,
    [property: Id(2)] int Bets,
    [property: Id(3)] double MeanProbability,
    [property: Id(4)] double WinRate
);

public static class InsightsNames
{
    /// <summary>The calibration row of every bet with a probability: the consensus's own.</summary>
    public const string Consensus = "consensus";

    public static readonly IReadOnlyList<string> Dimensions = ["league", "market", "oddsBand", "tier", "bookmaker", "strategy"];
}
