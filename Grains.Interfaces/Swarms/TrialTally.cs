namespace Orleans.Betting.Swarms;

/// <summary>
/// Running totals over a set of backtest trials (every configuration tried on one training/test
/// split, across searches): how many, and the sum and sum of squares of their per-bet Sharpe
/// ratios. The deflated Sharpe ratio takes N and V from the same tally, so they always describe
/// the same trials.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.TrialTally")]
public sealed record TrialTally([property: Id(0)] int Trials, [property: Id(1)] double SharpeSum, [property: Id(2)] double SharpeSquares)
{
    public static TrialTally Empty { get; } = new(0, 0, 0);

    public TrialTally Add(double sharpe) => new(Trials + 1, SharpeSum + sharpe, SharpeSquares + sharpe * sharpe);

    public TrialTally Add(TrialTally other) => new(Trials + other.Trials, SharpeSum + other.SharpeSum, SharpeSquares + other.SharpeSquares);

    /// <summary>The sample variance of the trials' Sharpe ratios (0 with fewer than two).</summary>
    public double Variance => Trials < 2 ? 0 : Math.Max(0, (SharpeSquares - SharpeSum * SharpeSum / Trials) / (Trials - 1));
}
