using System.Globalization;
using Orleans.Betting.Clock;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Ledger;
using Orleans.Betting.Market;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Agents;

/// <summary>
/// The tools anyone (an operator, another agent) may ask an agent to use by name. Each answers with
/// a one-line summary. An agent uses one only if it is in its own registry.
/// </summary>
public static class ToolCatalog
{
    private static readonly Dictionary<string, Func<IGrainFactory, Task<string>>> Tools = new(StringComparer.Ordinal)
    {
        [ToolNames.ClockRead] = async g =>
        {
            var c = await g.GetGrain<IMarketClockGrain>(IMarketClockGrain.Key).GetAsync();
            return $"clock {c.NowUtc:u} ({c.Mode}, ×{c.Speed.ToString("0.##", CultureInfo.InvariantCulture)}{(c.Paused ? ", paused" : "")})";
        },
        [ToolNames.LedgerReport] = async g =>
        {
            var r = await g.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).GetReportAsync();
            return $"bankroll {r.Bankroll:F2}, {r.Bets} bets ({r.Open} open), profit {r.Profit:F2}, ROI {r.Roi:P1}";
        },
        [ToolNames.RegistryList] = async g =>
        {
            var list = await g.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).ListAsync();
            return $"{list.Count} deployed: {string.Join(", ", list.Select(s => s.Spec))}";
        },
        [ToolNames.CatalogList] = async g =>
        {
            var seasons = await g.GetGrain<IMarketCatalogGrain>(IMarketCatalogGrain.Key).ListAsync();
            return $"{seasons.Count} league-seasons, {seasons.Sum(s => s.Matches)} matches";
        },
        [ToolNames.ApisBuckets] = async g =>
        {
            var states = await Task.WhenAll(ApiNames.All.Select(a => g.GetGrain<ITokenBucketGrain>(a).GetStateAsync()));
            return string.Join(
                "; ",
                states.Select(s =>
                    $"{s.Api}: {s.AvailableTokens} tokens, quota left {s.QuotaRemaining?.ToString(CultureInfo.InvariantCulture) ?? "?"}{(s.Paused ? ", paused" : "")}"
                )
            );
        },
    };

    public static IReadOnlyCollection<string> Names => Tools.Keys;

    public static bool TryGet(string name, out Func<IGrainFactory, Task<string>> tool) => Tools.TryGetValue(name, out tool!);
}
