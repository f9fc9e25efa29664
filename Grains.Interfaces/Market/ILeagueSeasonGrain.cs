namespace Orleans.Betting.Market;

/// <summary>
/// One league-season of market data (key "E0/2019-2020"), persisted. Imports merge by match id, so
/// re-importing the same file changes nothing. Readers get the whole season as one immutable payload.
/// </summary>
public interface ILeagueSeasonGrain : IGrainWithStringKey
{
    Task<SeasonUpsert> UpsertAsync(SeasonData incoming);

    Task<SeasonData> GetAsync();

    Task<SeasonSummary> SummaryAsync();
}

[GenerateSerializer, Immutable]
public sealed record SeasonUpsert(
    [property: Id(0)] string Key,
    [property: Id(1)] int Added,
    [property: Id(2)] int Updated,
    [property: Id(3)] int Unchanged,
    [property: Id(4)] int Total,
    [property: Id(5)] int Version);

[GenerateSerializer, Immutable]
public sealed record SeasonSummary(
    [property: Id(0)] string League,
    [property: Id(1)] string Season,
    [property: Id(2)] int Matches,
    [property: Id(3)] int Quotes,
    [property: Id(4)] DateTime? FirstKickoffUtc,
    [property: Id(5)] DateTime? LastKickoffUtc,
    [property: Id(6)] string Source,
    [property: Id(7)] int Version);

/// <summary>The list of league-seasons the cluster holds (key "catalog").</summary>
public interface IMarketCatalogGrain : IGrainWithStringKey
{
    const string Key = "catalog";

    Task RegisterAsync(SeasonSummary summary);

    Task<IReadOnlyList<SeasonSummary>> ListAsync();
}
