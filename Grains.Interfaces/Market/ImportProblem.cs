namespace Orleans.Betting.Market;

[GenerateSerializer, Immutable]
[Alias("betting.ImportProblem")]
public sealed record ImportProblem(
    [property: Id(0)] string File,
    [property: Id(1)] int Line,
    [property: Id(2)] string Field,
    [property: Id(3)] string Reason,
    [property: Id(4)] bool RowRejected
)
{
    public override string ToString() => $"{File}:{Line}: {Field}: {Reason}";
}
