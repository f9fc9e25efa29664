using Orleans.Betting.Quant;
using Orleans.Betting.Strategies;

namespace Orleans.Betting.Swarms.Rules;

/// <summary>What the validators read from a backtest: its bets as evidence, and the deflated Sharpe ratio's noise variance.</summary>
public static class ValidationEvidence
{
    /// <summary>A report's bets as evidence (its return, CLV and stake arrays, keyed by match).</summary>
    public static EvidenceBet[] EvidenceOf(BacktestReport report)
    {
        var returns = report.Returns ?? [];
        var keys = report.ReturnKeys ?? [];
        var clvs = report.Clvs ?? [];
        var stakes = report.Stakes ?? [];
        var bets = new EvidenceBet[returns.Length];
        for (var i = 0; i < returns.Length; i++)
        {
            bets[i] = new EvidenceBet(
                i < keys.Length ? keys[i].MatchId : "",
                i < stakes.Length ? stakes[i] : 1,
                returns[i],
                i < clvs.Length ? clvs[i] : double.NaN
            );
        }

        return bets;
    }

    /// <summary>
    /// V for the deflated Sharpe ratio: the variance N trials' Sharpe ratios would show by noise alone
    /// on T observations (1/T), so SR0 is the best that N edge-free trials would reach by luck. The
    /// trials' own Sharpe variance (still reported beside it) measures how the
    /// trials really differ as much as luck: under CLV, a precise measurement, it is mostly real
    /// difference (a strategy betting Pinnacle at the close has a CLV Sharpe near −30, one at a stale
    /// book +1.5), and as V it put the bar out of every candidate's reach. 0 for one trial.
    /// </summary>
    public static double DeflationVariance(int trials, int observations) => trials <= 1 ? 0 : 1.0 / Math.Max(2, observations);
}
