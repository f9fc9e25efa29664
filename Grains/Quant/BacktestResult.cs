namespace Orleans.Betting.Quant;

/// <param name="SkippedMatches">Matches the strategy could not judge (e.g. a sharp book with a booksum under 1), by reason: skipped and counted, never the whole backtest aborted.</param>
public sealed record BacktestResult(
    MarketTimeline Timeline,
    IReadOnlyList<SettledBet> Bets,
    BacktestMetrics Metrics,
    long Evaluations,
    IReadOnlyDictionary<string, int>? SkippedMatches = null
)
{
    public string MatchId(in SettledBet bet) => Timeline.Ids[bet.MatchIndex];

    public DateTime KickoffUtc(in SettledBet bet) => Timeline.Kickoffs[bet.MatchIndex];
}
