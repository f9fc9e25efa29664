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
