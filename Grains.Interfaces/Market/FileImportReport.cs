namespace Orleans.Betting.Market;

[GenerateSerializer, Immutable]
[Alias("betting.FileImportReport")]
public sealed record FileImportReport(
    [property: Id(0)] string File,
    [property: Id(1)] int RowsRead,
    [property: Id(2)] int RowsImported,
    [property: Id(3)] int RowsRejected,
    [property: Id(4)] IReadOnlyList<ImportProblem> Problems,
    [property: Id(5)] IReadOnlyList<SeasonUpsert> Seasons
);
