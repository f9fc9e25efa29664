namespace Orleans.Betting.Agents.Decisions;

/// <summary>Thresholds for holding a validated strategy for a human (Betting:Agents:Review:*).</summary>
public sealed record ReviewSettings(
    double MaxRoi = 1.0,
    int MinBets = 40,
    double MaxGapShare = 0.6,
    double MinDeflatedSharpe = 0.99,
    double MaxPbo = 0.5
);
