using System.Globalization;
using Orleans.Betting.Market;

namespace Orleans.Betting.Agents.Decisions;

/// <summary>
/// Whether the market's sharp money has lately moved against a pick: steam shortening another outcome of the
/// same market and line (the money went to the other side), or steam drifting the pick's own outcome. Such a
/// pick is not placed: the consensus voted on prices the informed money has since disagreed with.
/// </summary>
public static class SteamCheck
{
    /// <summary>How far back a steam move still counts (market time).</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromHours(12);

    /// <summary>The reason the latest such move gives, or null when none is against the pick.</summary>
    public static string? Against(Selection pick, IEnumerable<SteamSignal> onEvent, DateTime nowUtc)
    {
        var against = onEvent
            .Where(s => s.DetectedUtc <= nowUtc && nowUtc - s.DetectedUtc <= Lookback)
            .Where(s =>
                s.Selection.Market == pick.Market
                && SameLine(s.Selection, pick)
                && (s.Kind == "shortening" ? s.Selection.Outcome != pick.Outcome : s.Selection.Outcome == pick.Outcome)
            )
            .OrderBy(s => s.DetectedUtc)
            .LastOrDefault();
        return against is null
            ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"steam against {pick}: {against.Selection} {against.Kind} {against.FromProbability:P0}→{against.ToProbability:P0} at {against.DetectedUtc:u} ({against.Text})"
            );
    }

    private static bool SameLine(Selection a, Selection b) =>
        double.IsNaN(a.LineOrNaN) ? double.IsNaN(b.LineOrNaN) : Math.Abs(a.LineOrNaN - b.LineOrNaN) < 1e-9;
}
