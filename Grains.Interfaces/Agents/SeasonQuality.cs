namespace Orleans.Betting.Agents;

/// <summary>
/// What DataEngineering found wrong with a league-season's data: matches without the sharp book's full closing 1X2
/// (the close the gate's CLV is measured against), closing books whose booksum is outside [0.95, 1.30] (a price
/// mistyped, or a line that is no market), and fixtures seen more than once (the same home and away side twice in a
/// season: a duplicate row or a moved fixture imported twice).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.SeasonQuality")]
public sealed record SeasonQuality(
    [property: Id(0)] int Matches,
    [property: Id(1)] int MissingSharpClose,
    [property: Id(2)] int BooksumOutOfRange,
    [property: Id(3)] int RepeatedFixtures
)
{
    public const double MinBooksum = 0.95;
    public const double MaxBooksum = 1.3;
}
