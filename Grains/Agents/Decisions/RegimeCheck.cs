using MathNet.Numerics.Distributions;

namespace Orleans.Betting.Agents.Decisions;

/// <summary>
/// Chooses the training window: a structural change between the two most recent seasons and the
/// older ones — in the home-win rate (two-proportion z-test) or in the bookmakers' margin (Welch's
/// t-test) at the significance level — means older seasons describe another market, so training
/// uses the recent ones only; otherwise all available seasons (up to a cap).
/// </summary>
public static class RegimeCheck
{
    public static (IReadOnlyList<string> Window, IReadOnlyDictionary<string, string> Inputs, IReadOnlyList<string> Reasons) Decide(
        IReadOnlyList<SeasonFacts> seasons,
        double alpha = 0.01,
        int maxSeasons = 8,
        int recentSeasons = 3
    )
    {
        var inputs = new Dictionary<string, string> { ["seasons"] = string.Join(",", seasons.Select(s => s.Season)) };
        var reasons = new List<string>();
        var all = seasons.TakeLast(maxSeasons).Select(s => s.Season).ToList();
        if (seasons.Count < recentSeasons + 2)
        {
            reasons.Add($"{seasons.Count} completed seasons: too few to compare regimes, use all");
            return (all, inputs, reasons);
        }

        var recent = seasons.TakeLast(2).ToList();
        var older = seasons.Take(seasons.Count - 2).ToList();
        var (rn, rw) = (recent.Sum(s => s.Matches), recent.Sum(s => s.HomeWins));
        var (on, ow) = (older.Sum(s => s.Matches), older.Sum(s => s.HomeWins));
        var pooled = (rw + ow) / (double)(rn + on);
        var z = (rw / (double)rn - ow / (double)on) / Math.Sqrt(Math.Max(1e-12, pooled * (1 - pooled) * (1.0 / rn + 1.0 / on)));
        var pHome = 2 * (1 - Normal.CDF(0, 1, Math.Abs(z)));
        inputs["homeWinRecent"] = (rw / (double)rn).ToString("F4");
        inputs["homeWinOlder"] = (ow / (double)on).ToString("F4");
        inputs["pHomeWin"] = pHome.ToString("G4");

        var (rm, rv) = Pool(recent);
        var (om, ov) = Pool(older);
        var se = Math.Sqrt(Math.Max(1e-18, rv / rn + ov / on));
        var t = (rm - om) / se;
        var df =
            Math.Pow(rv / rn + ov / on, 2)
            / (Math.Pow(rv / rn, 2) / Math.Max(1, rn - 1) + Math.Pow(ov / on, 2) / Math.Max(1, on - 1) + 1e-300);
        var pMargin = 2 * (1 - StudentT.CDF(0, 1, Math.Max(1, df), Math.Abs(t)));
        inputs["marginRecent"] = (rm - 1).ToString("F4");
        inputs["marginOlder"] = (om - 1).ToString("F4");
        inputs["pMargin"] = pMargin.ToString("G4");

        if (pHome < alpha || pMargin < alpha)
        {
            var window = seasons.TakeLast(recentSeasons).Select(s => s.Season).ToList();
            reasons.Add(
                $"structural change (home-win p = {pHome:G3}, margin p = {pMargin:G3} < {alpha}): train on the last {recentSeasons} seasons only"
            );
            return (window, inputs, reasons);
        }

        reasons.Add($"no structural change (home-win p = {pHome:G3}, margin p = {pMargin:G3} ≥ {alpha}): use all {all.Count} seasons");
        return (all, inputs, reasons);
    }

    private static (double Mean, double Variance) Pool(IReadOnlyList<SeasonFacts> seasons)
    {
        var n = seasons.Sum(s => s.Matches);
        var mean = seasons.Sum(s => s.MeanBooksum * s.Matches) / n;
        // Within-season variance plus the spread of season means around the pooled mean.
        var variance = seasons.Sum(s => s.Matches * (s.BooksumVariance + Math.Pow(s.MeanBooksum - mean, 2))) / n;
        return (mean, variance);
    }
}
