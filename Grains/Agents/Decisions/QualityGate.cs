namespace Orleans.Betting.Agents.Decisions;

/// <summary>
/// DataEngineering's quality verdict on the seasons a search would read: it blocks the search, with the reasons,
/// when a season of the window has a fixture twice (a duplicate row or a moved fixture imported twice) or more
/// than 5 % of its closing books out of range, or when a test season lacks the sharp close the gate's CLV is
/// measured against for more than half its matches. Null when the data passes.
/// </summary>
public static class QualityGate
{
    public const double MaxBooksumOutOfRangeShare = 0.05;
    public const double MaxMissingSharpCloseShare = 0.5;

    public static string? Blocks(IReadOnlyList<SeasonMarketFacts> facts, IReadOnlyList<string> window, IReadOnlyList<string> testSeasons)
    {
        var problems = new List<string>();
        foreach (var f in facts.Where(f => window.Contains(f.Season)))
        {
            if (f.Quality is not { Matches: > 0 } q)
            {
                continue;
            }

            if (q.RepeatedFixtures > 0)
            {
                problems.Add($"{f.Season}: {q.RepeatedFixtures} fixture(s) seen twice (a duplicate row or a moved fixture imported twice)");
            }

            if (q.BooksumOutOfRange > MaxBooksumOutOfRangeShare * q.Matches)
            {
                problems.Add(
                    $"{f.Season}: {q.BooksumOutOfRange} of {q.Matches} closing books outside [{SeasonQuality.MinBooksum:0.00}, {SeasonQuality.MaxBooksum:0.00}]"
                );
            }

            if (testSeasons.Contains(f.Season) && q.MissingSharpClose > MaxMissingSharpCloseShare * q.Matches)
            {
                problems.Add(
                    $"{f.Season} (a test season): {q.MissingSharpClose} of {q.Matches} matches without Pinnacle's closing 1X2, the close the gate's CLV is measured against"
                );
            }
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
