namespace Orleans.Betting.Health;

/// <summary>Detector thresholds; defaults aim at ≥ 95 % detection with ≤ 1 false alarm per day of minute samples.</summary>
public sealed record DetectorSettings(
    int Window = 120,
    int WarmUp = 60,
    double SpikeZ = 7,
    double ShiftSlack = 1.0,
    double ShiftThreshold = 14,
    int TrendWindow = 240,
    double TrendZ = 7,
    int Cooldown = 30,
    double MinScale = 0,
    bool Spikes = true,
    bool Shifts = true,
    bool Trends = true
);
