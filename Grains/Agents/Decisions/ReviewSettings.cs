namespace Orleans.Betting.Agents.Decisions;

/// <summary>
/// Thresholds for holding a validated strategy for a human (Betting:Agents:Review:*). The gate passes
/// DSR ≥ 0.5 once the holdout test is significant; between that and <see cref="MinDeflatedSharpe"/>
/// (a training record barely above what the luckiest of N trials would show) a human looks. PBO is 0.5 for a
/// selection that carries no information (the in-sample best lands anywhere out of sample, as when
/// every trial exploits the same edge), so only a search clearly worse than a random pick is held.
/// </summary>
public sealed record ReviewSettings(
    double MaxRoi = 1.0,
    int MinBets = 40,
    double MaxGapShare = 0.6,
    double MinDeflatedSharpe = 0.6,
    double MaxPbo = 0.7
);
