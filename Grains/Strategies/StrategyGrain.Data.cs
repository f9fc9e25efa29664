using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Strategies;

// Point-in-time data: league-seasons loaded once per version and the market timeline the backtests and votes read.
public sealed partial class StrategyGrain
{
    private static IReadOnlyList<string> Leagues(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private async Task<(MarketTimeline Timeline, IReadOnlyDictionary<string, int> Index)> TimelineAsync(
        IReadOnlyList<string> leagues,
        IReadOnlyList<string> seasons,
        bool revalidate = true
    )
    {
        var keys = leagues.SelectMany(l => seasons.Select(s => new LeagueSeasonKey(l, s).ToString())).ToArray();
        var wanted = string.Join('|', keys);
        if (!revalidate && timelineCache is { } recent && recent.Key.StartsWith(wanted + "#", StringComparison.Ordinal))
        {
            return (recent.Cached.Timeline, recent.Cached.Index);
        }

        var data = await Task.WhenAll(keys.Select(LoadAsync));
        versionsCheckedUtc = time.GetUtcNow().UtcDateTime;
        var missing = keys.Where((k, i) => data[i].Matches.Length == 0).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidOperationException(
                $"no market data for {string.Join(", ", missing.Select(k => k.Replace('/', ' ')))}: import, download or generate it first"
            );
        }

        var cacheKey = wanted + "#" + string.Join('|', keys.Select(k => seasonCache[k].Version));
        if (timelineCache is { } cached && cached.Key == cacheKey)
        {
            return (cached.Cached.Timeline, cached.Cached.Index);
        }

        var built = timelines.GetOrBuild(
            cacheKey,
            () =>
            {
                var timeline = new MarketTimeline(data.SelectMany(d => d.Matches));
                var index = new Dictionary<string, int>(timeline.Count, StringComparer.Ordinal);
                for (var i = 0; i < timeline.Count; i++)
                {
                    index[timeline.Ids[i]] = i;
                }

                return new CachedTimeline(timeline, index);
            }
        );
        timelineCache = (cacheKey, built);
        return (built.Timeline, built.Index);
    }

    private async Task<SeasonData> LoadAsync(string key)
    {
        var grain = grains.GetGrain<ILeagueSeasonGrain>(key);
        var summary = await grain.SummaryAsync();
        if (seasonCache.TryGetValue(key, out var cached) && cached.Version == summary.Version)
        {
            return cached.Data;
        }

        var data = await grain.GetAsync();
        seasonCache[key] = (summary.Version, data);
        return data;
    }
}
