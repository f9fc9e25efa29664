using Orleans.Betting.Strategies;

namespace Orleans.Betting.Swarms.Rules;

/// <summary>How the generation ranks candidates on their training figures: the judged statistic less a multiple-testing margin.</summary>
public static class CandidateFitness
{
    /// <summary>A candidate needs this many bets per training season to be ranked at all.</summary>
    public const int MinBetsPerSeason = 25;

    /// <summary>
    /// The statistic a candidate is judged by on training: its mean CLV and the CLV's standard
    /// deviation when CLV is the evidence and enough of its bets have a sharp close
    /// (<see cref="Quant.GateStatistic.MinClvCoverage"/>), else its ROI and the returns' deviation.
    /// </summary>
    public static (double Mean, double Sd) Judged(BacktestFigures f, GateEvidence evidence) =>
        evidence == GateEvidence.Clv
        && f.MeanClv is { } clv
        && f.ClvSd is { } clvSd
        && f.Bets > 0
        && f.ClvBets >= Quant.GateStatistic.MinClvCoverage * f.Bets
            ? (clv, clvSd)
            : (f.Roi, f.SharpePerBet != 0 ? Math.Abs(f.Roi / f.SharpePerBet) : 1.0);

    /// <summary>The per-bet Sharpe ratio of the judged statistic (what the trial tally and the DSR describe).</summary>
    public static double EvidenceSharpe(BacktestFigures f, GateEvidence evidence)
    {
        var (mean, sd) = Judged(f, evidence);
        return sd > 0 ? mean / sd : 0;
    }

    /// <summary>The judged mean minus a multiple-testing margin (σ·√(2 ln N / n)); too few bets is unfit.</summary>
    public static double Fitness(BacktestFigures f, int trials, int seasons, GateEvidence evidence = GateEvidence.Returns)
    {
        if (f.Bets < MinBetsPerSeason * Math.Max(1, seasons) || f.Staked <= 0)
        {
            return double.MinValue;
        }

        var (mean, sd) = Judged(f, evidence);
        return mean - sd * Math.Sqrt(2 * Math.Log(Math.Max(2, trials)) / f.Bets);
    }
}
