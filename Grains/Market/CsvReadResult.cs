namespace Orleans.Betting.Market;

/// <summary>The matches read from one file, grouped by season, and everything that was wrong with it.</summary>
public sealed record CsvReadResult(string File, int RowsRead, IReadOnlyList<MatchRecord> Matches, IReadOnlyList<ImportIssue> Issues)
{
    public int RowsRejected => Issues.Where(i => i.RowRejected).Select(i => i.Line).Distinct().Count();
}
