using System.Collections.Concurrent;

namespace Orleans.Betting.Strategies;

/// <summary>
/// Silo-wide cache of built market timelines, keyed by the league-seasons and their versions. A
/// timeline is immutable, so every strategy grain on the silo can share one instead of building
/// (and holding) its own copy of the same seasons.
/// </summary>
public sealed class MarketTimelineCache
{
    private const int Capacity = 32;
    private readonly ConcurrentDictionary<string, Lazy<CachedTimeline>> entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> order = new();

    public CachedTimeline GetOrBuild(string key, Func<CachedTimeline> build)
    {
        var lazy = entries.GetOrAdd(
            key,
            k =>
            {
                order.Enqueue(k);
                return new Lazy<CachedTimeline>(build, LazyThreadSafetyMode.ExecutionAndPublication);
            }
        );
        while (entries.Count > Capacity && order.TryDequeue(out var oldest))
        {
            entries.TryRemove(oldest, out _);
        }

        return lazy.Value;
    }
}
