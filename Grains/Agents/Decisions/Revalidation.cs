using System.Globalization;
using Orleans.Betting.Strategies;

namespace Orleans.Betting.Agents.Decisions;

/// <summary>
/// The StrategyAnalyst's re-validation of a deployed strategy on data that completed after it was validated (pure):
/// its would-be bets on such a season, judged by the closing line as the gate judges. It fails when the prices it
/// takes are beaten by the close beyond chance: mean CLV below zero with z under −2 over at least
/// <see cref="MinClvBets"/> bets. Fresh seasons are those after the last season its validation read (so no holdout is
/// read again) or, with no validation on record, those that started after it was first seen deployed.
/// </summary>
public static class Revalidation
{
    public const int MinClvBets = 30;

    public const double FailZ = -2;

    public static (bool Failed, string Reason) Judge(string league, string season, BacktestFigures figures)
    {
        if (figures.MeanClv is not { } clv || figures.ClvBets < MinClvBets || figures.ClvSd is not { } sd || sd <= 0)
        {
            return (
                false,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{league} {season}: {figures.ClvBets} bet(s) with a closing line, fewer than {MinClvBets}: no verdict"
                )
            );
        }

        var z = clv / (sd / Math.Sqrt(figures.ClvBets));
        var failed = clv < 0 && z < FailZ;
        return (
            failed,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{league} {season} (fresh): {figures.ClvBets} bets, mean CLV {clv:P2} (z {z:F2}), ROI {figures.Roi:P1}: {(failed ? "the close beats its prices beyond chance" : "holds")}"
            )
        );
    }

    /// <summary>The completed seasons after the last one its validation read, else those that began after it was first seen deployed.</summary>
    public static IReadOnlyList<string> Fresh(
        IEnumerable<(string Season, DateTime? First, DateTime? Last)> seasons,
        string? lastValidated,
        DateTime firstSeenUtc,
        DateTime nowUtc
    ) =>
        seasons
            .Where(s => s.Last is { } last && last < nowUtc)
            .Where(s =>
                lastValidated is not null
                    ? string.CompareOrdinal(s.Season, lastValidated) > 0
                    : s.First is { } first && first >= firstSeenUtc
            )
            .Select(s => s.Season)
            .Order(StringComparer.Ordinal)
            .ToList();
}
