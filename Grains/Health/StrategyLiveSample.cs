namespace Orleans.Betting.Health;

/// <summary>A deployed strategy's live record against the range its validation promised.</summary>
/// <summary>
/// A strategy's live record against its validated range. <paramref name="BetsAtResume"/>: its live bets
/// when a human last resumed it; the check then waits for that many plus the minimum (a human's
/// decision holds until new evidence).
/// </summary>
public sealed record StrategyLiveSample(
    string StrategyId,
    int Bets,
    double Roi,
    double ReturnSd,
    double? MeanClv,
    double ValidatedRoiLow,
    double? ValidatedClv,
    bool Paused,
    int BetsAtResume = 0
);
