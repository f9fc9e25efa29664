using MathNet.Numerics.Distributions;

namespace Orleans.Betting.Agents.Decisions;

/// <summary>
/// Chooses the training window: a structural change between the two most recent seasons and the
/// older ones means older seasons describe another market, so training uses the recent ones only;
/// otherwise all available seasons (up to a cap). A change must be both significant and large
/// enough to matter: the home-win rate (two-proportion z-test over matches, whose results are
/// independent) moving by at least <see cref="MinHomeWinShift"/>, or the bookmakers' margin moving
/// by at least <see cref="MinMarginShift"/> in a test at season level — each season's mean booksum
/// is one observation (a pooled two-sample t-test), because a season's booksums share its pricing
/// policy and are far from independent: tested per match, a 0.1 pp drift looks like p ≈ 1e-6.
/// </summary>
public static class RegimeCheck
{
    /// <summary>The smallest change in the home-win rate worth retraining for (3 percentage points).</summary>
    public const double MinHomeWinShift = 0.03;

    /// <summary>The smallest change in the mean booksum worth retraining for (0.5 percentage points of margin).</summary>
    public const double MinMarginShift = 0.005;

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

        var rm = recent.Average(s => s.MeanBooksum);
        var om = older.Average(s => s.MeanBooksum);
        var squares = recent.Sum(s => Math.Pow(s.MeanBooksum - rm, 2)) + older.Sum(s => Math.Pow(s.MeanBooksum - om, 2));
        var df = recent.Count + older.Count - 2;
        var se = Math.Sqrt(squares / df * (1.0 / recent.Count + 1.0 / older.Count));
        var pMargin =
            se > 0 ? 2 * (1 - StudentT.CDF(0, 1, df, Math.Abs(rm - om) / se))
            : rm == om ? 1
            : 0;
        inputs["marginRecent"] = (rm - 1).ToString("F4");
        inputs["marginOlder"] = (om - 1).ToString("F4");
        inputs["pMargin"] = pMargin.ToString("G4");
        var homeShift = Math.Abs(rw / (double)rn - ow / (double)on);
        var marginShift = Math.Abs(rm - om);
        var homeChanged = pHome < alpha && homeShift >= MinHomeWinShift;
        var marginChanged = pMargin < alpha && marginShift >= MinMarginShift;

        var figures =
            $"home-win {homeShift:P1} apart, p = {pHome:G3}; margin {marginShift * 100:F2} pp apart, p = {pMargin:G3} (season level)";
        if (homeChanged || marginChanged)
        {
            var window = seasons.TakeLast(recentSeasons).Select(s => s.Season).ToList();
            reasons.Add($"structural change ({figures}): train on the last {recentSeasons} seasons only");
            return (window, inputs, reasons);
        }

        reasons.Add(
            $"no structural change ({figures}; a change needs p < {alpha} and at least {MinHomeWinShift:P0} home wins or {MinMarginShift * 100:F1} pp margin): use all {all.Count} seasons"
        );
        return (all, inputs, reasons);
    }
}
