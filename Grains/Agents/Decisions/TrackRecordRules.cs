namespace Orleans.Betting.Agents.Decisions;

/// <summary>What a deployed strategy's live record says: the weight its votes carry, and whether it is decaying.</summary>
public static class TrackRecordRules
{
    /// <summary>
    /// A strategy's consensus weight from its live record, shrunk towards 1 while it has few bets:
    /// 1 + n/(n + 50) · clamp(2·ROI, −0.75, +1), so a proven winner counts up to double and a loser
    /// fades to a quarter.
    /// </summary>
    public static double Weight(int bets, double roi) => 1 + bets / (bets + 50.0) * Math.Clamp(2 * roi, -0.75, 1);

    /// <summary>Decaying: enough live bets, losing money and taking prices worse than the closing line.</summary>
    public static bool Decaying(int bets, double roi, double? meanClv, int minBets) => bets >= minBets && roi < 0 && meanClv is < 0;
}
