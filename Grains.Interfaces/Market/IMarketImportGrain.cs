namespace Orleans.Betting.Market;

/// <summary>
/// Stateless pool that turns raw input into league-season grains: football-data CSV files
/// (uploaded or downloaded) and synthetic markets.
/// </summary>
public interface IMarketImportGrain : IGrainWithIntegerKey
{
    Task<FileImportReport> ImportCsvAsync(string fileName, byte[] content, CancellationToken cancellationToken = default);

    Task<FileImportReport> DownloadAsync(string league, string season, CancellationToken cancellationToken = default);

    Task<SyntheticImportReport> GenerateAsync(SyntheticMarketRequest request, CancellationToken cancellationToken = default);
}

[GenerateSerializer, Immutable]
public sealed record ImportProblem(
    [property: Id(0)] string File,
    [property: Id(1)] int Line,
    [property: Id(2)] string Field,
    [property: Id(3)] string Reason,
    [property: Id(4)] bool RowRejected)
{
    public override string ToString() => $"{File}:{Line}: {Field}: {Reason}";
}

[GenerateSerializer, Immutable]
public sealed record FileImportReport(
    [property: Id(0)] string File,
    [property: Id(1)] int RowsRead,
    [property: Id(2)] int RowsImported,
    [property: Id(3)] int RowsRejected,
    [property: Id(4)] IReadOnlyList<ImportProblem> Problems,
    [property: Id(5)] IReadOnlyList<SeasonUpsert> Seasons);

[GenerateSerializer, Immutable]
public sealed record SyntheticMarketRequest(
    [property: Id(0)] int Seed,
    [property: Id(1)] int Leagues,
    [property: Id(2)] IReadOnlyList<string> Seasons,
    [property: Id(3)] string Plant,
    [property: Id(4)] int TeamsPerLeague = 20);

[GenerateSerializer, Immutable]
public sealed record SyntheticImportReport(
    [property: Id(0)] int Seed,
    [property: Id(1)] string Plant,
    [property: Id(2)] IReadOnlyList<SeasonUpsert> Seasons,
    [property: Id(3)] int Matches,
    [property: Id(4)] int Quotes);
