namespace Orleans.Betting.ExternalApis;

/// <summary>
/// A request to the odds API, canonicalised so identical requests share one key: a sport's odds
/// (regions × markets), or its scores (<see cref="ScoresDaysFrom"/> set: completed and live events of the last days).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.OddsQuery")]
public sealed record OddsQuery(
    [property: Id(0)] string Sport,
    [property: Id(1)] string Regions,
    [property: Id(2)] string Markets,
    [property: Id(3)] string OddsFormat = "decimal",
    [property: Id(4)] int? ScoresDaysFrom = null
)
{
    public string Key =>
        ScoresDaysFrom is { } days
            ? $"scores|{Sport.ToLowerInvariant()}|{days}"
            : $"odds|{Sport.ToLowerInvariant()}|{Canon(Regions)}|{Canon(Markets)}|{OddsFormat.ToLowerInvariant()}";

    /// <summary>The scores of a sport's events of the last <paramref name="daysFrom"/> days (1–3; the API's limit).</summary>
    public static OddsQuery Scores(string sport, int daysFrom) =>
        daysFrom is >= 1 and <= 3
            ? new(sport, "", "", ScoresDaysFrom: daysFrom)
            : throw new ArgumentOutOfRangeException(nameof(daysFrom), daysFrom, "scores daysFrom is 1 to 3");

    private static string Canon(string list) =>
        string.Join(
            ',',
            list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => s.ToLowerInvariant())
                .Order(StringComparer.Ordinal)
        );
}
