namespace Orleans.Betting.Market;

public sealed class MarketCatalogGrain([PersistentState("catalog", StorageNames.Betting)] IPersistentState<MarketCatalogState> state)
    : Grain,
        IMarketCatalogGrain
{
    public async Task RegisterAsync(SeasonSummary summary)
    {
        state.State.Seasons[new LeagueSeasonKey(summary.League, summary.Season).ToString()] = summary;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<SeasonSummary>> ListAsync() =>
        Task.FromResult<IReadOnlyList<SeasonSummary>>(
            state
                .State.Seasons.Values.OrderBy(s => s.League, StringComparer.Ordinal)
                .ThenBy(s => s.Season, StringComparer.Ordinal)
                .ToArray()
        );
}

[GenerateSerializer]
[Alias("betting.MarketCatalogState")]
public sealed class MarketCatalogState
{
    [Id(0)]
    public Dictionary<string, SeasonSummary> Seasons { get; set; } = new(StringComparer.Ordinal);
}
