using Orleans.Betting.Storage;

namespace Orleans.Betting.Market;

public sealed class LeagueSeasonGrain(
    [PersistentState("season", StorageNames.Betting)] IPersistentState<LeagueSeasonState> state,
    IGrainFactory grains
) : Grain, ILeagueSeasonGrain
{
    private SeasonData? snapshot;
    private SeasonSummary? summary; // asked for on every backtest: computed once per version

    public async Task<SeasonUpsert> UpsertAsync(SeasonData incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var key = this.GetPrimaryKeyString();
        if (!string.Equals(incoming.Key, key, StringComparison.Ordinal))
        {
            throw new ArgumentException($"season data for {incoming.Key} sent to grain {key}");
        }

        var s = state.State;
        var byId = s.Matches.ToDictionary(m => m.Id, StringComparer.Ordinal);
        int added = 0,
            updated = 0,
            unchanged = 0;
        foreach (var match in incoming.Matches)
        {
            if (!byId.TryGetValue(match.Id, out var existing))
            {
                byId[match.Id] = match;
                added++;
            }
            else if (SameContent(existing, match))
            {
                unchanged++;
            }
            else
            {
                byId[match.Id] = match;
                updated++;
            }
        }

        if (added + updated > 0 || s.League.Length == 0)
        {
            s.League = incoming.League;
            s.Season = incoming.Season;
            s.Source = incoming.Source;
            s.Matches = byId.Values.OrderBy(m => m.KickoffUtc).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
            s.Version++;
            await state.WriteOrRestoreAsync(DeactivateOnIdle);
            snapshot = null;
            summary = null;
            await grains.GetGrain<IMarketCatalogGrain>(IMarketCatalogGrain.Key).RegisterAsync(Summarize());
        }

        return new SeasonUpsert(key, added, updated, unchanged, s.Matches.Count, s.Version);
    }

    public Task<SeasonData> GetAsync()
    {
        var s = state.State;
        snapshot ??= new SeasonData(s.League, s.Season, s.Matches.ToArray(), s.Source);
        return Task.FromResult(snapshot);
    }

    public Task<SeasonSummary> SummaryAsync() => Task.FromResult(summary ??= Summarize());

    private SeasonSummary Summarize()
    {
        var s = state.State;
        LeagueSeasonKey.TryParse(this.GetPrimaryKeyString(), out var key);
        return new SeasonSummary(
            s.League.Length > 0 ? s.League : key.League ?? "",
            s.Season.Length > 0 ? s.Season : key.Season ?? "",
            s.Matches.Count,
            s.Matches.Sum(m => m.Quotes.Length),
            s.Matches.Count > 0 ? s.Matches[0].KickoffUtc : null,
            s.Matches.Count > 0 ? s.Matches[^1].KickoffUtc : null,
            s.Source,
            s.Version
        );
    }

    private static bool SameContent(MatchRecord a, MatchRecord b) =>
        a.KickoffUtc == b.KickoffUtc
        && a.HomeTeam == b.HomeTeam
        && a.AwayTeam == b.AwayTeam
        && Equals(a.Result, b.Result)
        && a.Quotes.AsSpan().SequenceEqual(b.Quotes);
}

[GenerateSerializer]
public sealed class LeagueSeasonState
{
    [Id(0)]
    public string League { get; set; } = "";

    [Id(1)]
    public string Season { get; set; } = "";

    [Id(2)]
    public string Source { get; set; } = "";

    [Id(3)]
    public List<MatchRecord> Matches { get; set; } = [];

    [Id(4)]
    public int Version { get; set; }
}
