namespace Orleans.Betting.Market;

/// <summary>The matches read from one file, grouped by season, and everything that was wrong with it.</summary>
public sealed record CsvReadResult(string File, int RowsRead, IReadOnlyList<MatchRecord> Matches, IReadOnlyList<ImportIssue> Issues)
{
    // Every row read either became a match or was rejected (its problems may be beyond the listed ones).
    public int RowsRejected => RowsRead - Matches.Count;
}
