using Orleans.Betting.Strategies;

namespace Orleans.Betting.Agents.Decisions;

/// <summary>
/// Human-in-the-loop flags for a validated strategy: too good to be true (out-of-sample ROI above
/// the cap), too few bets to trust, a large in-sample/out-of-sample gap (the out-of-sample ROI keeps
/// less than (1 − MaxGapShare) of the in-sample one: overfitting), or a deflated Sharpe that only
/// just passed, or a search whose in-sample winners tend to fall below the median out of sample
/// (probability of backtest overfitting above the cap). Any flag sends it to the approvals queue.
/// </summary>
public static class ReviewRules
{
    public static IReadOnlyList<string> Flags(
        BacktestFigures inSample,
        BacktestFigures outOfSample,
        double deflatedSharpe,
        ReviewSettings settings,
        double? pbo = null
    )
    {
        var flags = new List<string>();
        if (pbo > settings.MaxPbo)
        {
            flags.Add($"overfitting risk: the search's probability of backtest overfitting is {pbo:P0} > {settings.MaxPbo:P0}");
        }

        if (outOfSample.Roi > settings.MaxRoi)
        {
            flags.Add($"too good to be true: out-of-sample ROI {outOfSample.Roi:P0} > {settings.MaxRoi:P0}");
        }

        if (outOfSample.Bets < settings.MinBets)
        {
            flags.Add($"too few bets: {outOfSample.Bets} out-of-sample < {settings.MinBets}");
        }

        if (inSample.Roi > 0 && outOfSample.Roi < inSample.Roi * (1 - settings.MaxGapShare))
        {
            flags.Add($"overfitting risk: out-of-sample ROI {outOfSample.Roi:P1} vs in-sample {inSample.Roi:P1}");
        }

        if (deflatedSharpe < settings.MinDeflatedSharpe)
        {
            flags.Add($"deflated Sharpe {deflatedSharpe:F3} below {settings.MinDeflatedSharpe:F2}");
        }

        return flags;
    }
}
