namespace Orleans.Betting.Swarms;

/// <summary>
/// What the deployment gate judges a strategy by. <see cref="Clv"/>: closing line value against the
/// de-margined sharp (Pinnacle) close, per match — it sees a real-sized edge in hundreds of bets,
/// where realised returns need tens of thousands; returns are then a consistency check. Where too
/// few bets have a sharp close the gate falls back to <see cref="Returns"/> and says so.
/// </summary>
public enum GateEvidence
{
    Clv = 0,
    Returns = 1,
}
