namespace Orleans.Betting.Agents;

/// <summary>PerformanceAnalyst: settles paper bets when results arrive, keeps ROI, CLV and drawdown overall and per strategy, sets consensus weights and proposes retiring decaying strategies.</summary>
public interface IPerformanceAnalystAgent : IAgentGrain
{
    Task<PerformanceSummary> SettleAsync(DateTime clockUtc);

    [Orleans.Concurrency.AlwaysInterleave]
    [ClientReadable]
    Task<IReadOnlyList<StrategyTrackRecord>> TrackRecordsAsync();

    /// <summary>The ledger's settled bets explained: breakdowns with CLV attribution, and calibration (<see cref="Ledger.Insights"/>).</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    [ClientReadable]
    Task<Ledger.LedgerInsights> InsightsAsync();

    /// <summary>Which market the ledger's figures come from, and whether it is a demo (its profit the plant's).</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    [ClientReadable]
    Task<Operations.MarketLabel> MarketAsync();
}
