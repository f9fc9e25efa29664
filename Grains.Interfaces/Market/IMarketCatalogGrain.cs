namespace Orleans.Betting.Market;

/// <summary>The list of league-seasons the cluster holds (key "catalog").</summary>
public interface IMarketCatalogGrain : IGrainWithStringKey
{
    const string Key = "catalog";

    Task RegisterAsync(SeasonSummary summary);

    [ClientReadable]
    Task<IReadOnlyList<SeasonSummary>> ListAsync();
}
