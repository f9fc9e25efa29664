namespace Orleans.Betting.Ledger;

/// <summary>Drawdown of a bankroll's path, as the ledger reports it (a share of the peak, not money).</summary>
public static class Drawdown
{
    /// <summary>The largest fall from a peak of the bankroll, as a share of that peak.</summary>
    public static double MaxShare(double initial, IReadOnlyList<BankrollPoint> equity)
    {
        var peak = initial;
        var worst = 0.0;
        foreach (var point in equity)
        {
            peak = Math.Max(peak, point.Bankroll);
            worst = Math.Max(worst, peak > 0 ? (peak - point.Bankroll) / peak : 0);
        }

        return worst;
    }
}
