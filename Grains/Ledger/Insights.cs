using System.Globalization;

namespace Orleans.Betting.Ledger;

/// <summary>
/// The PerformanceAnalyst's explanations of a ledger (pure): breakdowns by league, market, odds band, tier, bookmaker
/// and strategy with CLV attribution, and the calibration of the probabilities the stakes were sized on.
/// </summary>
public static class Insights
{
    /// <summary>Odds bands, as decimal prices: [from, to).</summary>
    public static readonly IReadOnlyList<(double From, double To, string Name)> OddsBands =
    [
        (1, 1.5, "1.00-1.49"),
        (1.5, 2, "1.50-1.99"),
        (2, 3, "2.00-2.99"),
        (3, 5, "3.00-4.99"),
        (5, double.PositiveInfinity, "5.00+"),
    ];

    public const int CalibrationBins = 10;

    public static LedgerInsights Compute(IReadOnlyList<PaperBet> bets, string market = "")
    {
        var settled = bets.Where(b => b.Status != BetStatus.Open).ToList();
        var breakdowns = new Dictionary<string, IReadOnlyList<BreakdownRow>>(StringComparer.Ordinal)
        {
            ["league"] = Rows(settled, b => [b.League]),
            ["market"] = Rows(settled, b => [b.Selection.Market.ToString()]),
            ["oddsBand"] = Rows(settled, b => [OddsBand(b.Price)], OddsBands.Select(x => x.Name).ToList()),
            ["tier"] = Rows(settled, b => [b.Tier ?? "-"]),
            ["bookmaker"] = Rows(settled, b => [b.Bookmaker ?? b.Source.Text]),
            ["strategy"] = Rows(settled, b => b.Strategies is { Count: > 0 } s ? s : ["-"]),
        };

        var decided = settled.Where(b => b.Status is BetStatus.Won or BetStatus.Lost && b.Probability is > 0 and < 1).ToList();
        var calibration = new List<CalibrationRow>();
        if (decided.Count > 0)
        {
            calibration.Add(Calibrate(InsightsNames.Consensus, decided));
        }

        calibration.AddRange(
            decided
                .SelectMany(b => (b.Strategies ?? []).Select(s => (Strategy: s, Bet: b)))
                .GroupBy(x => x.Strategy, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Calibrate(g.Key, g.Select(x => x.Bet).ToList()))
        );
        return new LedgerInsights(
            breakdowns,
            calibration,
            settled.Count,
            bets.Count - settled.Count,
            settled.Count(b => b.Probability is null),
            market
        );
    }

    public static string OddsBand(double price) => OddsBands.First(b => price >= b.From && price < b.To).Name;

    private static List<BreakdownRow> Rows(List<PaperBet> settled, Func<PaperBet, IReadOnlyList<string>> keys, List<string>? order = null)
    {
        var rows = settled
            .SelectMany(b => keys(b).Select(k => (Key: k, Bet: b)))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key, g.Select(x => x.Bet).ToList()));
        return order is null
            ? rows.OrderByDescending(r => r.Bets).ThenBy(r => r.Key, StringComparer.Ordinal).ToList()
            : rows.OrderBy(r => order.IndexOf(r.Key)).ToList();
    }

    private static BreakdownRow Row(string key, List<PaperBet> bets)
    {
        var staked = bets.Sum(b => b.Stake);
        var profit = bets.Sum(b => b.Profit);
        var withClv = bets.Where(b => b.Clv is not null).ToList();
        var expected = withClv.Sum(b => b.Stake * b.Clv!.Value);
        var won = bets.Sum(b =>
            b.Status switch
            {
                BetStatus.Won => 1.0,
                BetStatus.HalfWon => 0.5,
                _ => 0,
            }
        );
        var profitOfClvBets = withClv.Sum(b => b.Profit);
        return new BreakdownRow(
            key,
            bets.Count,
            won,
            Math.Round(staked, 2),
            Math.Round(profit, 2),
            staked > 0 ? Math.Round(profit / staked, 6) : 0,
            withClv.Count > 0 ? Math.Round(withClv.Average(b => b.Clv!.Value), 6) : null,
            withClv.Count,
            Math.Round(expected, 2),
            Math.Round(profitOfClvBets - expected, 2)
        );
    }

    private static CalibrationRow Calibrate(string strategy, List<PaperBet> bets)
    {
        double brier = 0,
            logLoss = 0;
        var bins = new (int Bets, double P, int Won)[CalibrationBins];
        foreach (var bet in bets)
        {
            var p = bet.Probability!.Value;
            var y = bet.Status == BetStatus.Won ? 1 : 0;
            brier += (p - y) * (p - y);
            logLoss -= y == 1 ? Math.Log(p) : Math.Log(1 - p);
            var bin = Math.Min(CalibrationBins - 1, (int)(p * CalibrationBins));
            bins[bin] = (bins[bin].Bets + 1, bins[bin].P + p, bins[bin].Won + y);
        }

        return new CalibrationRow(
            strategy,
            bets.Count,
            Math.Round(brier / bets.Count, 6),
            Math.Round(logLoss / bets.Count, 6),
            bins.Select((b, i) => (b, i))
                .Where(x => x.b.Bets > 0)
                .Select(x => new CalibrationBin(
                    x.i / (double)CalibrationBins,
                    (x.i + 1) / (double)CalibrationBins,
                    x.b.Bets,
                    Math.Round(x.b.P / x.b.Bets, 6),
                    Math.Round(x.b.Won / (double)x.b.Bets, 6)
                ))
                .ToList(),
            Math.Round(bets.Average(b => b.Probability!.Value), 6),
            Math.Round(bets.Count(b => b.Status == BetStatus.Won) / (double)bets.Count, 6)
        );
    }

    /// <summary>
    /// What the PerformanceAnalyst publishes as bets settle, most telling first: where the profit came from
    /// (prices against the close, or results), the best and worst strategy, any strategy whose probabilities
    /// part from its results by more than two standard errors, and a losing odds band. Groups need
    /// <paramref name="minBets"/> settled bets to be named.
    /// </summary>
    public static IReadOnlyList<string> Headlines(LedgerInsights insights, int minBets)
    {
        var lines = new List<string>();
        if (insights.Settled == 0)
        {
            return lines;
        }

        var all = insights.Breakdowns.GetValueOrDefault("league") ?? [];
        var profit = all.Sum(r => r.Profit);
        var fromClv = all.Sum(r => r.ExpectedFromClv);
        lines.Add(
            string.Create(
                CultureInfo.InvariantCulture,
                $"profit {profit:F2} over {insights.Settled} settled bet(s): {fromClv:F2} from prices against the close, {profit - fromClv:F2} from results"
            )
        );

        var strategies = (insights.Breakdowns.GetValueOrDefault("strategy") ?? []).Where(r => r.Bets >= minBets && r.Key != "-").ToList();
        if (strategies.Count > 0)
        {
            var best = strategies.MaxBy(r => r.Roi)!;
            var worst = strategies.MinBy(r => r.Roi)!;
            lines.Add(Describe("best strategy", best));
            if (!ReferenceEquals(best, worst))
            {
                lines.Add(Describe("worst strategy", worst));
            }
        }

        foreach (var row in insights.Calibration.Where(c => c.Bets >= minBets))
        {
            var p = row.MeanProbability;
            var se = Math.Sqrt(Math.Max(1e-9, p * (1 - p)) / row.Bets);
            var gap = p - row.WinRate;
            if (Math.Abs(gap) > 2 * se)
            {
                lines.Add(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{row.Strategy} is {(gap > 0 ? "overconfident" : "underconfident")}: predicts {p:P0} and wins {row.WinRate:P0} over {row.Bets} bets ({Math.Abs(gap) / se:F1} standard errors; Brier {row.Brier:F3})"
                    )
                );
            }
        }

        if ((insights.Breakdowns.GetValueOrDefault("oddsBand") ?? []).Where(r => r.Bets >= minBets).MinBy(r => r.Roi) is { Roi: < 0 } band)
        {
            lines.Add(Describe("weakest odds band", band));
        }

        return lines;

        static string Describe(string what, BreakdownRow r) =>
            string.Create(
                CultureInfo.InvariantCulture,
                $"{what} {r.Key}: {r.Bets} bets, ROI {r.Roi:P1}, mean CLV {(r.MeanClv is { } c ? c.ToString("P1", CultureInfo.InvariantCulture) : "-")}"
            );
    }
}
