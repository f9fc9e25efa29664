using System.Globalization;
using Orleans.Betting.Market;
using Orleans.Betting.Market.Identity;
using Orleans.Betting.Market.Live;

namespace Orleans.Betting.Agents.Orchestration;

/// <summary>
/// What the live market learns from and trades: the sports whose leagues have history (or, degraded, why
/// nothing can be traded yet), and the history itself — the prepared seasons plus the live seasons that
/// completed since.
/// </summary>
public sealed class LiveHistory(IAgentHands<OrchestratorMemory> hands, OrchestratorSettings settings) : OrchestratorJob(hands, settings)
{
    /// <summary>Prepares the history and picks the sports; false (and degraded, saying why) while there is too little to learn from.</summary>
    internal async Task<bool> PrepareAsync()
    {
        var settings = marketOptions.Value.ToSettings();
        if (settings.Source == MarketSource.Import)
        {
            // Nothing to learn from yet: a clear degraded state (checked again every tick), not a fault.
            var catalog = await UseToolAsync(
                ToolNames.CatalogList,
                () => grains.GetGrain<IMarketCatalogGrain>(IMarketCatalogGrain.Key).ListAsync()
            );
            var imported = catalog.Where(s => s.Source != LiveMarketGrain.LiveSource && s.Matches > 0).ToList();
            if (settings.Leagues.Count == 0 || settings.Seasons.Count == 0)
            {
                // "imported": every league with at least 3 imported seasons (of those named, when seasons are named).
                var leagues = imported
                    .Where(s => settings.Seasons.Count == 0 || settings.Seasons.Contains(s.Season))
                    .Where(s => settings.Leagues.Count == 0 || settings.Leagues.Contains(s.League))
                    .GroupBy(s => s.League)
                    .Where(g => g.Select(s => s.Season).Distinct().Count() >= 3)
                    .Select(g => g.Key)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (leagues.Count == 0)
                {
                    var held = imported.GroupBy(s => s.League).Select(g => $"{g.Key} {g.Count()}").Order(StringComparer.Ordinal).ToList();
                    return await DegradedAsync(
                        "no history to learn from: no league has 3 imported seasons"
                            + (held.Count == 0 ? " (none imported)" : $" (held: {string.Join(", ", held)})")
                            + "; import football-data CSVs with `data import DIR`, or `data download --league E0 --seasons 2021-2022..2024-2025`"
                    );
                }

                settings = settings with
                {
                    Leagues = leagues,
                    Seasons =
                        settings.Seasons.Count > 0
                            ? settings.Seasons
                            : imported
                                .Where(s => leagues.Contains(s.League))
                                .Select(s => s.Season)
                                .Distinct()
                                .Order(StringComparer.Ordinal)
                                .ToList(),
                };
            }

            var heldSeasons = imported
                .Where(s => settings.Leagues.Contains(s.League) && settings.Seasons.Contains(s.Season))
                .Select(s => s.Season)
                .Distinct()
                .Count();
            if (heldSeasons < 3)
            {
                return await DegradedAsync(
                    $"no history to learn from: {heldSeasons} of the seasons {string.Join(",", settings.Seasons)} of {string.Join(",", settings.Leagues)} are in the market store "
                        + "(import football-data CSVs with `data import`, or `data download`); nothing is traded until at least 3 are"
                );
            }
        }

        if (OddsApiKeyMissing)
        {
            return await DegradedAsync(null);
        }

        var layout = await UseToolAsync(ToolNames.DataPrepare, () => Data.PrepareMarketAsync(settings));
        if (layout.Seasons.Count < 3)
        {
            throw new InvalidOperationException(
                $"the live market's history ({layout.Description}) has {layout.Seasons.Count} seasons with matches: the agents need at least 3 to learn from"
            );
        }

        var sports = new List<string>();
        var missing = new List<string>();
        foreach (var league in layout.Leagues)
        {
            if (SportLeagues.TrySport(league, out var sport))
            {
                sports.Add(sport);
            }
            else
            {
                missing.Add($"{league}: no odds API sport is known for this league");
            }
        }

        Memory.Layout = layout;
        Memory.Live = new LiveTrading { Sports = sports, Degraded = sports.Count == 0 ? string.Join("; ", missing) : null };

        // The sports traded are polled, whether or not Betting:LiveOdds:Sports named them; and polled now, at the
        // configured pace, even one polled before: its events were read without this history (unmapped), and the
        // quota plan may have slowed it to hours apart meanwhile. The ApiManager sets the pace again after.
        var live = liveOddsOptions.Value;
        foreach (var sport in sports)
        {
            await UseToolAsync(
                ToolNames.LivePoll,
                () =>
                    grains
                        .GetGrain<ILiveOddsGrain>(sport)
                        .StartPollingAsync(
                            live.PollRequest(ExternalApis.RequestPriority.Background),
                            TimeSpan.FromSeconds(live.PollSeconds)
                        )
            );
        }

        var now = MarketUtcNow;
        Memory.NextWindowUtc = now;
        Hands.Decide(
            0,
            DecisionKind.Market,
            $"live: {string.Join(",", sports)}",
            ["live", "replay"],
            new Dictionary<string, string>
            {
                ["history"] = layout.Description,
                ["seasons"] = string.Join(",", layout.Seasons.Select(s => s.Season)),
                ["marketTime"] = now.ToString("u", CultureInfo.InvariantCulture),
                ["clock"] = MarketClock.ToString(),
                ["decisionLeadsHours"] = string.Join(",", liveOddsOptions.Value.DecisionLeads.Select(l => l.TotalHours)),
            },
            [
                $"trade {string.Join(", ", sports)} live on paper, forever; learn from {layout.Seasons.Count} season(s) of history and the live seasons as they complete",
                .. missing,
                .. layout.QualityIssues.Select(i => $"quality: {i}"),
            ]
        );
        return true;
    }

    /// <summary>Says why nothing is traded (once per change of reason; a missing API key too) and waits for the next tick.</summary>
    private async Task<bool> DegradedAsync(string? degraded)
    {
        if (OddsApiKeyMissing)
        {
            var key =
                $"no odds API key: set {ExternalApis.OddsApiOptions.ApiKeyKey.Replace(":", "__", StringComparison.Ordinal)} in the environment to trade the live market";
            degraded = degraded is null ? key : $"{degraded}; {key}";
        }

        if (degraded is null)
        {
            return true;
        }

        if (Memory.Live?.Degraded != degraded)
        {
            Memory.Live = new LiveTrading { Degraded = degraded };
            await SaveAsync();
        }

        return false;
    }

    /// <summary>The history as it stands: the prepared seasons plus the live seasons published since (a live season completes when its year is over).</summary>
    internal async Task<bool> UpdateAsync(CycleWork work)
    {
        var layout = Memory.Layout!;
        var catalog = await UseToolAsync(
            ToolNames.CatalogList,
            () => grains.GetGrain<IMarketCatalogGrain>(IMarketCatalogGrain.Key).ListAsync()
        );
        var spans = layout.Seasons.ToDictionary(s => s.Season, StringComparer.Ordinal);
        foreach (
            var group in catalog
                .Where(s => layout.Leagues.Contains(s.League) && s.Source == LiveMarketGrain.LiveSource && s.FirstKickoffUtc is not null)
                .GroupBy(s => s.Season)
        )
        {
            if (spans.ContainsKey(group.Key) || !SeasonName.TryParseStart(group.Key, out var start))
            {
                continue;
            }

            // Until its year is over a live season is current: its last kick-off so far is not its end.
            var end = new DateTime(start + 1, 7, 1, 0, 0, 0, DateTimeKind.Utc);
            var last = work.WindowStartUtc >= end ? group.Max(s => s.LastKickoffUtc!.Value) : end;
            spans[group.Key] = new SeasonSpan(group.Key, group.Min(s => s.FirstKickoffUtc!.Value), last, group.Sum(s => s.Matches));
        }

        Memory.Layout = layout with { Seasons = spans.Values.OrderBy(s => s.FirstKickoffUtc).ToList() };
        return true;
    }
}
