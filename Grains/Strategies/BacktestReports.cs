using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Strategies;

/// <summary>
/// A backtest's result as the report a strategy grain returns and keeps: its figures, ROI by season, the
/// equity path thinned for charts, and on request each bet's return, key, CLV and stake, and block sums.
/// </summary>
public static class BacktestReports
{
    /// <summary>At most this many equity points are kept in a report.</summary>
    public const int EquityPointsKept = 500;

    /// <param name="witnessed">
    /// False for a strategy deciding at the close: the close witnesses only what was decided before it (deciding at
    /// the close picks its own noise, so CLV against it is positive by selection, not by edge), so no CLV spread.
    /// </param>
    public static BacktestReport From(
        string strategyId,
        StrategySpec spec,
        BacktestRequest request,
        StakingPlan staking,
        MarketTimeline timeline,
        BacktestResult result,
        bool witnessed,
        DateTime? betFrom,
        DateTime ranUtc,
        double elapsedMs
    )
    {
        var m = result.Metrics;
        var figures = new BacktestFigures(
            m.Bets,
            m.Wins,
            m.Staked,
            m.Profit,
            m.Roi,
            m.HitRate,
            m.AveragePrice,
            m.MaxDrawdownAmount,
            m.SharpePerBet,
            m.TStatistic,
            double.IsNaN(m.MeanClv) ? null : m.MeanClv,
            m.ClvBets,
            double.IsNaN(m.RoiLow95) ? 0 : m.RoiLow95,
            double.IsNaN(m.RoiHigh95) ? 0 : m.RoiHigh95,
            m.FinalBankroll,
            double.IsNaN(m.ClvSd) || !witnessed ? null : m.ClvSd
        );
        var bySeason = result
            .Bets.GroupBy(b => timeline.Matches[b.MatchIndex].Season)
            .ToDictionary(g => g.Key, g => g.Sum(b => b.Profit) / g.Sum(b => b.Stake), StringComparer.Ordinal);
        var report = new BacktestReport(
            strategyId,
            spec,
            request.League,
            request.Seasons,
            staking.ToString(),
            timeline.Count,
            figures,
            request.KeepReport ? Equity(result, request.InitialBankroll) : [],
            ranUtc,
            elapsedMs,
            request.IncludeReturns ? result.Bets.Select(b => b.Profit / b.Stake).ToArray() : null,
            bySeason,
            request.IncludeReturns
                ? result
                    .Bets.Select(b => new BetKey(timeline.Matches[b.MatchIndex].Id, Selection.Of(b.Market, b.Outcome, b.Line)))
                    .ToArray()
                : null,
            result.SkippedMatches is { Count: > 0 } skipped ? new Dictionary<string, int>(skipped) : null,
            Clvs: request.IncludeReturns ? result.Bets.Select(b => witnessed ? b.Clv : double.NaN).ToArray() : null,
            Stakes: request.IncludeReturns ? result.Bets.Select(b => b.Stake).ToArray() : null
        );
        if (request.Blocks > 0)
        {
            var (profits, stakes) = Blocks(result, betFrom is { } f ? timeline.FirstKickoffAtOrAfter(f) : 0, request.Blocks);
            report = report with { BlockProfits = profits, BlockStakes = stakes };
        }

        return report;
    }

    /// <summary>Profit and stake in <paramref name="count"/> consecutive blocks of equally many matches from <paramref name="first"/> on.</summary>
    public static (double[] Profits, double[] Stakes) Blocks(BacktestResult result, int first, int count)
    {
        var profits = new double[count];
        var stakes = new double[count];
        var matches = Math.Max(1, result.Timeline.Count - first);
        foreach (var bet in result.Bets)
        {
            var block = Math.Min(count - 1, (int)((long)(bet.MatchIndex - first) * count / matches));
            profits[block] += bet.Profit;
            stakes[block] += bet.Stake;
        }

        return (profits, stakes);
    }

    /// <summary>The bankroll path, thinned to at most a few hundred points for reports and charts.</summary>
    public static EquityPoint[] Equity(BacktestResult result, double initial)
    {
        var bets = result.Bets;
        if (bets.Count == 0)
        {
            return [];
        }

        var step = Math.Max(1, (int)Math.Ceiling(bets.Count / (double)EquityPointsKept));
        var points = new List<EquityPoint> { new(result.KickoffUtc(bets[0]), initial) };
        for (var i = step - 1; i < bets.Count; i += step)
        {
            points.Add(new EquityPoint(result.KickoffUtc(bets[i]), bets[i].BankrollAfter));
        }

        if (points[^1].Bankroll != bets[^1].BankrollAfter)
        {
            points.Add(new EquityPoint(result.KickoffUtc(bets[^1]), bets[^1].BankrollAfter));
        }

        return points.ToArray();
    }

    /// <summary>
    /// When betting starts: with warm-up seasons (read by the features, never bet), the first tested kick-off;
    /// null without. Warm-up that does not end before the tested seasons start is refused, naming both.
    /// </summary>
    public static DateTime? BetFrom(MarketTimeline timeline, IReadOnlyList<string> warmUp, IReadOnlyList<string> seasons)
    {
        if (warmUp.Count == 0)
        {
            return null;
        }

        var tested = new HashSet<string>(seasons, StringComparer.Ordinal);

        var firstTested = timeline
            .Matches.Where(m => tested.Contains(m.Season))
            .Select(m => m.KickoffUtc)
            .DefaultIfEmpty(DateTime.MaxValue)
            .Min();
        var lastWarm = timeline
            .Matches.Where(m => !tested.Contains(m.Season))
            .Select(m => m.KickoffUtc)
            .DefaultIfEmpty(DateTime.MinValue)
            .Max();
        if (lastWarm >= firstTested)
        {
            throw new ArgumentException(
                $"warm-up seasons {string.Join(",", warmUp)} must end before the tested seasons {string.Join(",", seasons)} start"
            );
        }

        return firstTested;
    }
}
