namespace Orleans.Betting.Market;

/// <summary>
/// One league-season of market data (key "E0/2019-2020"), persisted. Imports merge by match id, so
/// re-importing the same file changes nothing. Readers get the whole season as one immutable payload.
/// </summary>
public interface ILeagueSeasonGrain : IGrainWithStringKey
{
    Task<SeasonUpsert> UpsertAsync(SeasonData incoming);

    [ClientReadable]
    Task<SeasonData> GetAsync();

    [ClientReadable]
    Task<SeasonSummary> SummaryAsync();
}
