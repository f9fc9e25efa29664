using Orleans.Betting.Storage;
using Orleans.Serialization;

namespace Orleans.Betting.Market;

/// <summary>
/// One league-season. Its record is an index; the matches live in parts of at most
/// <see cref="PartBytes"/> serialized bytes (<see cref="ILeagueSeasonChunkGrain"/>), in kick-off
/// order, so a season of any size is stored in bounded records and a match added at the end (the
/// live market's) rewrites only the last part. Parts are written before the index that names them,
/// under keys of their own version, so a crash between the two leaves the previous season whole;
/// parts the index no longer names are cleared on the next change.
/// </summary>
public sealed class LeagueSeasonGrain(
    [PersistentState("season", StorageNames.Betting)] IPersistentState<LeagueSeasonState> state,
    IGrainFactory grains,
    Serializer serializer
) : Grain, ILeagueSeasonGrain
{
    /// <summary>A part closes before its serialized matches pass this size (a stored record stays well under 256 KB).</summary>
    public const int PartBytes = 192 * 1024;

    private List<MatchRecord>? matches; // the whole season, loaded from the parts on first use
    private SeasonData? snapshot;
    private SeasonSummary? summary; // asked for on every backtest: computed once per version

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A season stored whole by an earlier version is split into parts the first time it wakes.
        if (state.State.Matches.Count > 0)
        {
            var inline = state.State.Matches.ToList();
            await StoreAsync(inline, [], cancellationToken);
        }
    }

    public async Task<SeasonUpsert> UpsertAsync(SeasonData incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var key = this.GetPrimaryKeyString();
        if (!string.Equals(incoming.Key, key, StringComparison.Ordinal))
        {
            throw new ArgumentException($"season data for {incoming.Key} sent to grain {key}");
        }

        var s = state.State;
        var current = await MatchesAsync();
        var byId = current.ToDictionary(m => m.Id, StringComparer.Ordinal);
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
            var ordered = byId.Values.OrderBy(m => m.KickoffUtc).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
            await StoreAsync(ordered, current, CancellationToken.None);
            await grains.GetGrain<IMarketCatalogGrain>(IMarketCatalogGrain.Key).RegisterAsync(Summarize(ordered));
        }

        return new SeasonUpsert(key, added, updated, unchanged, matches!.Count, s.Version);
    }

    public async Task<SeasonData> GetAsync()
    {
        var s = state.State;
        return snapshot ??= new SeasonData(s.League, s.Season, (await MatchesAsync()).ToArray(), s.Source);
    }

    public async Task<SeasonSummary> SummaryAsync() => summary ??= Summarize(await MatchesAsync());

    /// <summary>The season's matches in kick-off order: the parts the index names, read once per activation.</summary>
    private async Task<List<MatchRecord>> MatchesAsync()
    {
        if (matches is not null)
        {
            return matches;
        }

        var s = state.State;
        var parts = await Task.WhenAll(s.Parts.Select(p => grains.GetGrain<ILeagueSeasonChunkGrain>(p.Key).ReadAsync()));
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Matches.Length != s.Parts[i].Count)
            {
                throw new InvalidOperationException(
                    $"league-season {this.GetPrimaryKeyString()}: part {s.Parts[i].Key} holds {parts[i].Matches.Length} matches where the index says {s.Parts[i].Count}"
                );
            }
        }

        return matches = parts.SelectMany(p => p.Matches).ToList();
    }

    /// <summary>
    /// Stores the season as parts: parts whose matches are the same objects as before keep their key
    /// (not rewritten); the rest are written under this version's keys; then the index. On a failed
    /// write nothing in memory claims more than storage holds.
    /// </summary>
    private async Task StoreAsync(List<MatchRecord> ordered, List<MatchRecord> before, CancellationToken ct)
    {
        var s = state.State;
        var version = s.Version + 1;
        var key = this.GetPrimaryKeyString();
        var old = Slice(before, s.Parts);
        var index = new List<SeasonPart>();
        var writes = new List<Task>();
        var partNumber = 0;
        foreach (var part in Partition(ordered))
        {
            var reused =
                partNumber < old.Count
                && old[partNumber].Length == part.Length
                && old[partNumber].AsSpan().SequenceEqual(part, ReferenceComparer.Instance);
            var partKey = reused ? s.Parts[partNumber].Key : $"{key}#{partNumber}.{version}";
            if (!reused)
            {
                writes.Add(grains.GetGrain<ILeagueSeasonChunkGrain>(partKey).WriteAsync(new MatchChunk(part)));
            }

            index.Add(new SeasonPart(partKey, part.Length));
            partNumber++;
        }

        // Parts dropped by the previous change are nobody's now: clear them (what fails is tried next time).
        var stale = new List<string>();
        foreach (var retired in s.Retired)
        {
            try
            {
                await grains.GetGrain<ILeagueSeasonChunkGrain>(retired).ClearAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                stale.Add(retired);
            }
        }

        try
        {
            ct.ThrowIfCancellationRequested();
            await Task.WhenAll(writes);
            var kept = index.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            s.Retired = stale.Concat(s.Parts.Select(p => p.Key).Where(k => !kept.Contains(k))).ToList();
            s.Parts = index;
            s.Matches = [];
            s.Version = version;
            await state.WriteOrRestoreAsync(DeactivateOnIdle);
            matches = ordered;
        }
        catch
        {
            matches = null; // read again from what the index names
            throw;
        }
        finally
        {
            snapshot = null;
            summary = null;
        }
    }

    /// <summary>Consecutive runs of matches, each closing before its serialized size passes <see cref="PartBytes"/>.</summary>
    private IEnumerable<MatchRecord[]> Partition(List<MatchRecord> ordered)
    {
        var part = new List<MatchRecord>();
        var bytes = 0;
        foreach (var match in ordered)
        {
            var size = serializer.SerializeToArray(match).Length;
            if (part.Count > 0 && bytes + size > PartBytes)
            {
                yield return part.ToArray();
                part.Clear();
                bytes = 0;
            }

            part.Add(match);
            bytes += size;
        }

        if (part.Count > 0)
        {
            yield return part.ToArray();
        }
    }

    private static List<MatchRecord[]> Slice(List<MatchRecord> all, List<SeasonPart> parts)
    {
        var slices = new List<MatchRecord[]>();
        var at = 0;
        foreach (var part in parts)
        {
            if (at + part.Count > all.Count)
            {
                break;
            }

            slices.Add(all.GetRange(at, part.Count).ToArray());
            at += part.Count;
        }

        return slices;
    }

    private SeasonSummary Summarize(List<MatchRecord> all)
    {
        var s = state.State;
        LeagueSeasonKey.TryParse(this.GetPrimaryKeyString(), out var key);
        return new SeasonSummary(
            s.League.Length > 0 ? s.League : key.League ?? "",
            s.Season.Length > 0 ? s.Season : key.Season ?? "",
            all.Count,
            all.Sum(m => m.Quotes.Length),
            all.Count > 0 ? all[0].KickoffUtc : null,
            all.Count > 0 ? all[^1].KickoffUtc : null,
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

    private sealed class ReferenceComparer : IEqualityComparer<MatchRecord>
    {
        public static readonly ReferenceComparer Instance = new();

        public bool Equals(MatchRecord? x, MatchRecord? y) => ReferenceEquals(x, y);

        public int GetHashCode(MatchRecord obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}

/// <summary>A stored part of a season: its grain key and how many matches it holds.</summary>
[GenerateSerializer]
[Alias("betting.SeasonPart")]
public sealed record SeasonPart([property: Id(0)] string Key, [property: Id(1)] int Count);

[GenerateSerializer]
[Alias("betting.LeagueSeasonState")]
public sealed class LeagueSeasonState
{
    [Id(0)]
    public string League { get; set; } = "";

    [Id(1)]
    public string Season { get; set; } = "";

    [Id(2)]
    public string Source { get; set; } = "";

    /// <summary>Only in records of an earlier version (the whole season inline); split into parts on activation.</summary>
    [Id(3)]
    public List<MatchRecord> Matches { get; set; } = [];

    [Id(4)]
    public int Version { get; set; }

    [Id(5)]
    public List<SeasonPart> Parts { get; set; } = [];

    /// <summary>Parts no longer in the index, cleared on the next change.</summary>
    [Id(6)]
    public List<string> Retired { get; set; } = [];
}
