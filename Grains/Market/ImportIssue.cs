namespace Orleans.Betting.Market;

/// <summary>One problem found in an input file, reported as <c>file:line: field: reason</c>.</summary>
public sealed record ImportIssue(string File, int Line, string Field, string Reason, bool RowRejected)
{
    public override string ToString() => $"{File}:{Line}: {Field}: {Reason}";
}
