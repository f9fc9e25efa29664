using System.Globalization;

namespace Orleans.Betting.Agents.Decisions;

/// <summary>What is known of one strategy family: its trials across searches, those that paid in training, and its deployed strategies' live record.</summary>
public sealed record FamilyEvidence(string Family, int Trials, int Paying, int LiveBets, double? LiveClv);

/// <summary>
/// Learning across cycles which families pay, beyond the generate-or-evolve bandit: each family's rate of trials
/// that made money in training is a Beta(1 + paying, 1 + trials − paying) posterior, from which a seeded Thompson
/// draw is taken (families with few trials stay uncertain, so they keep being tried); the deployed strategies'
/// live CLV then scales it (×1.5 at +2 % or better, ×0.5 at −2 % or worse, once 20 live bets exist). The draws,
/// normalised with a floor of half an even share, are how the next search's ideation shares its candidates.
/// Only training outcomes and live results are read: never a holdout's verdict, which would carry its information
/// into the next search.
/// </summary>
public static class FamilyFocus
{
    public const int MinLiveBets = 20;

    public static (IReadOnlyDictionary<string, double> Weights, IReadOnlyList<string> Reasons) Decide(
        IReadOnlyList<string> families,
        IReadOnlyDictionary<string, FamilyEvidence> evidence,
        Random random
    )
    {
        var draws = new Dictionary<string, double>(StringComparer.Ordinal);
        var why = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var family in families)
        {
            var e = evidence.GetValueOrDefault(family) ?? new FamilyEvidence(family, 0, 0, 0, null);
            var a = 1.0 + e.Paying;
            var b = 1.0 + Math.Max(0, e.Trials - e.Paying);
            var draw = new MathNet.Numerics.Distributions.Beta(a, b, random).Sample();
            var live = e.LiveBets >= MinLiveBets && e.LiveClv is { } clv ? 1 + Math.Clamp(clv / 0.02, -0.5, 0.5) : 1;
            draws[family] = draw * live;
            var liveText =
                live != 1
                    ? string.Create(CultureInfo.InvariantCulture, $", live CLV {e.LiveClv:P1} over {e.LiveBets} bets ×{live:F2}")
                    : "";
            why[family] = string.Create(
                CultureInfo.InvariantCulture,
                $"{e.Paying} of {e.Trials} trials paid in training (posterior mean {a / (a + b):P0}, draw {draw:F3}){liveText}"
            );
        }

        var sum = draws.Values.Sum();
        var floor = 0.5 / Math.Max(1, families.Count);
        var weights = families.ToDictionary(
            f => f,
            f => floor + (1 - floor * families.Count) * (sum > 0 ? draws[f] / sum : 1.0 / families.Count),
            StringComparer.Ordinal
        );
        var reasons = families
            .OrderByDescending(f => weights[f])
            .ThenBy(f => f, StringComparer.Ordinal)
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f} {weights[f]:P0}: {why[f]}"))
            .ToList();
        return (weights, reasons);
    }

    /// <summary>The family of a strategy id ("elo-336940b27ae8" → "elo"; ids are the family and a hash).</summary>
    public static string FamilyOf(string strategyId)
    {
        var dash = strategyId.LastIndexOf('-');
        return dash > 0 ? strategyId[..dash] : strategyId;
    }
}
