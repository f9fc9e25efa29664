namespace Orleans.Betting.Health;

/// <summary>Thresholds of the rules (Betting:Health:Rules).</summary>
public sealed record RuleSettings(
    double ErrorRate = 0.5,
    double SlowLatencyMs = 2000,
    double TimeoutRate = 0.5,
    int MinLiveBets = 30,
    double RangeZ = 1.96,
    double MinClvGap = 0.02,
    double StaleMinutes = 30,
    double MaxAgentRecordKb = 256,
    double MinDiskFreePercent = 5
);
