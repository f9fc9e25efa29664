using Orleans.Betting.Quant;

namespace Orleans.Betting.Strategies;

public sealed record CachedTimeline(MarketTimeline Timeline, IReadOnlyDictionary<string, int> Index);
