namespace Orleans.Betting.Operations;

/// <summary>One validator's verdict on a strategy.</summary>
public sealed record VerdictView(string Validator, bool Passed, string Reason);

/// <summary>A strategy's live record: the settled paper bets it backed (money in bankroll units, ROI and CLV as shares).</summary>
public sealed record LiveRecordView(int Bets, double Staked, double Profit, double Roi, double? MeanClv, bool RetirementProposed);

/// <summary>A deployed strategy: what it is, why it was deployed (its validation), how it does live, and its weight in the consensus.</summary>
public sealed record StrategyView(
    string Id,
    string Family,
    string Spec,
    string RunId,
    DateTime DeployedUtc,
    string Lifecycle,
    double ConsensusWeight,
    string? PausedReason,
    IReadOnlyList<VerdictView> Verdicts,
    LiveRecordView? Live
);

/// <summary>The deployed strategies.</summary>
public sealed record StrategiesView(MarketLabel Market, IReadOnlyList<StrategyView> Strategies);
