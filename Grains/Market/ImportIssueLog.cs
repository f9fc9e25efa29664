namespace Orleans.Betting.Market;

/// <summary>
/// One file's import problems: every one counted, the first <see cref="Listed"/> kept with their
/// file, row and field, and one closing line saying how many more there were — so a hostile or
/// broken file of millions of bad rows costs a bounded list, and the good rows still go through.
/// </summary>
internal sealed class ImportIssueLog(string file, int listed = ImportIssueLog.Listed)
{
    public const int Listed = 1_000;
    private readonly List<ImportIssue> kept = [];

    /// <summary>How many problems were found, listed or not.</summary>
    public int Count { get; private set; }

    public void Add(ImportIssue issue)
    {
        Count++;
        if (kept.Count < listed)
        {
            kept.Add(issue);
        }
    }

    public IReadOnlyList<ImportIssue> ToList() =>
        Count == kept.Count
            ? kept
            :
            [
                .. kept,
                new ImportIssue(file, 0, "*", $"{Count - kept.Count} more problems not listed (the first {kept.Count} are)", false),
            ];
}
