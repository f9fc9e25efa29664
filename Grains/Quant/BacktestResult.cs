namespace Orleans.Betting.Quant;

public sealed record BacktestResult(MarketTimeline Timeline, IReadOnlyList<SettledBet> Bets, BacktestMetrics Metrics, long Evaluations)
{
    public string MatchId(in SettledBet bet) => Timeline.Ids[bet.MatchIndex];

    public DateTime KickoffUtc(in SettledBet bet) => Timeline.Kickoffs[bet.MatchIndex];
}
