using Microsoft.Extensions.Logging;
using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Agents;

/// <summary>
/// DataEngineering: prepares the market the agents trade — generates the synthetic market or
/// takes the imported league-seasons — checks its quality, and computes per-season market facts
/// (home-win rate, margin) for the regime check, cached in its memory. On its own timer it refreshes
/// the football-data seasons in progress through the API pool (<c>Betting:Agents:Data:RefreshHours</c>)
/// and, on a live market, reports team names the live feed cannot map (their events are not traded).
/// </summary>
public sealed class DataEngineeringAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<DataEngineeringMemory>> record,
    IGrainFactory grains,
    AgentContext context,
    Microsoft.Extensions.Options.IOptions<MarketOptions> market,
    Microsoft.Extensions.Options.IOptions<Market.Live.LiveOddsOptions> liveOdds,
    ILogger<DataEngineeringAgent> logger
) : AgentGrain<DataEngineeringMemory>(record, context, logger), IDataEngineeringAgent
{
    protected override AgentRole Role => AgentRole.Specialist;

    protected override double DefaultTickSeconds => 5;

    protected override IReadOnlyList<string> Tools { get; } =
    [
        ToolNames.MarketGenerate,
        ToolNames.SeasonRead,
        ToolNames.CatalogList,
        ToolNames.ClockRead,
        ToolNames.DataDownload,
        ToolNames.LiveStatus,
        ToolNames.Notify,
    ];

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        await CheckUnmappedAsync();
        await RefreshAsync(cancellationToken);
    }

    /// <summary>Team names of a live sport's events that match no team of its league: said once each, with an alert.</summary>
    private async Task CheckUnmappedAsync()
    {
        if (!market.Value.IsLive)
        {
            return;
        }

        foreach (var sport in liveOdds.Value.SportKeys)
        {
            var status = await UseToolAsync(ToolNames.LiveStatus, () => grains.GetGrain<ILiveMarketGrain>(sport).GetStatusAsync());
            var known = Memory.Unmapped.GetValueOrDefault(sport) ?? [];
            var fresh = status.Unmapped.Where(u => !known.Contains(u, StringComparer.Ordinal)).ToList();
            if (fresh.Count == 0)
            {
                continue;
            }

            Memory.Unmapped[sport] = [.. known, .. fresh];
            var names = string.Join(", ", fresh);
            Decide(
                0,
                DecisionKind.DataQuality,
                $"{sport}: {fresh.Count} unmapped team name(s)",
                ["trade", "hold their events"],
                new Dictionary<string, string>
                {
                    ["league"] = status.League ?? "-",
                    ["events"] = status.Events.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                [$"{names}: matched to no team of league {status.League ?? "(none)"}: their events are not traded until the names map"]
            );
            await UseToolAsync(
                ToolNames.Notify,
                () =>
                    AlertAsync(
                        new Alert(
                            $"data|unmapped|{sport}|{string.Join('|', fresh)}",
                            Health.Severity.Warning,
                            AgentNames.DataEngineering,
                            $"Live feed {sport}: team name(s) {names} map to no team of league {status.League ?? "(none)"}; their events are not traded"
                        )
                    )
            );
        }
    }

    /// <summary>
    /// Every <c>RefreshHours</c> of market time: downloads, through the API pool, the football-data seasons still in
    /// progress (the season of the market's date, and any whose last match is under 30 days old) of the leagues that
    /// came from football-data files, and says what each brought. A failed download is said and tried at the next refresh.
    /// </summary>
    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var hours = Options.Data.RefreshHours;
        if (hours <= 0 || Memory.Layout is not { } layout)
        {
            return;
        }

        if (await MarketClockNowAsync(market.Value.IsLive) is not { } now)
        {
            return;
        }

        if (Memory.LastRefreshUtc is { } last && now - last < TimeSpan.FromHours(hours) && now >= last)
        {
            return;
        }

        Memory.LastRefreshUtc = now;
        var catalog = await UseToolAsync(
            ToolNames.CatalogList,
            () => grains.GetGrain<IMarketCatalogGrain>(IMarketCatalogGrain.Key).ListAsync()
        );
        var current = now.Month >= 7 ? $"{now.Year}-{now.Year + 1}" : $"{now.Year - 1}-{now.Year}";
        foreach (var league in layout.Leagues)
        {
            var fromFiles = catalog
                .Where(c => c.League == league && c.Source.StartsWith("football-data", StringComparison.Ordinal))
                .ToList();
            if (fromFiles.Count == 0)
            {
                continue; // not a football-data league: nothing to refresh it from
            }

            var seasons = fromFiles
                .Where(c => c.LastKickoffUtc is { } end && end >= now.AddDays(-30) && c.FirstKickoffUtc <= now)
                .Select(c => c.Season)
                .Append(current)
                .Distinct()
                .Order(StringComparer.Ordinal);
            foreach (var season in seasons)
            {
                string outcome;
                try
                {
                    var report = await UseToolAsync(
                        ToolNames.DataDownload,
                        () => grains.GetGrain<IMarketImportGrain>(0).DownloadAsync(league, season, cancellationToken)
                    );
                    outcome = string.Create(
                        System.Globalization.CultureInfo.InvariantCulture,
                        $"{report.RowsImported} of {report.RowsRead} rows imported, {report.RowsRejected} rejected"
                    );
                }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException)
                {
                    outcome = $"not refreshed: {e.Message}";
                }

                Decide(
                    0,
                    DecisionKind.DataRefresh,
                    $"{league} {season}",
                    ["keep", "refresh"],
                    new Dictionary<string, string>
                    {
                        ["marketTime"] = now.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
                    },
                    [outcome]
                );
            }
        }

        Memory.Facts.Clear(); // refreshed seasons' facts are computed again when next asked
    }

    protected override Views.AgentMemoryView DescribeMemory() =>
        new Views.DataEngineeringView(Memory.Layout?.Description, Memory.Facts.Count);

    public async Task<MarketLayout> PrepareMarketAsync(MarketSettings settings)
    {
        EnsureRunning();
        var key =
            $"{settings.SourceName}|{settings.Seed}|{settings.Plant}|{settings.SyntheticLeagues}|{string.Join(',', settings.Leagues)}|{string.Join(',', settings.Seasons)}";
        if (Memory.Layout is { } known && Memory.LayoutKey == key)
        {
            return known;
        }

        IReadOnlyList<string> leagues;
        string description;
        if (settings.Source == MarketSource.Synthetic)
        {
            var report = await UseToolAsync(
                ToolNames.MarketGenerate,
                () =>
                    grains
                        .GetGrain<IMarketImportGrain>(0)
                        .GenerateAsync(
                            new SyntheticMarketRequest(settings.Seed, settings.SyntheticLeagues, settings.Seasons, settings.Plant)
                        )
            );
            leagues = Enumerable.Range(1, settings.SyntheticLeagues).Select(i => $"S{i}").ToList();
            description = $"synthetic seed {settings.Seed}, plant {settings.Plant}, {leagues.Count} league(s), {report.Matches} matches";
        }
        else
        {
            leagues = settings.Leagues;
            description = $"imported {string.Join(',', leagues)}";
        }

        var spans = new List<SeasonSpan>();
        var issues = new List<string>();
        foreach (var season in settings.Seasons)
        {
            var summaries = await UseToolAsync(
                ToolNames.SeasonRead,
                () => Task.WhenAll(leagues.Select(l => grains.LeagueSeason(l, season).SummaryAsync()))
            );
            var present = summaries.Where(s => s.Matches > 0 && s.FirstKickoffUtc is not null).ToList();
            foreach (var missing in summaries.Where(s => s.Matches == 0))
            {
                issues.Add($"{missing.League}/{season}: no matches");
            }

            foreach (var thin in present.Where(s => s.Quotes < s.Matches * 3))
            {
                issues.Add($"{thin.League}/{season}: {thin.Quotes} quotes for {thin.Matches} matches");
            }

            if (present.Count > 0)
            {
                spans.Add(
                    new SeasonSpan(
                        season,
                        present.Min(s => s.FirstKickoffUtc!.Value),
                        present.Max(s => s.LastKickoffUtc!.Value),
                        present.Sum(s => s.Matches)
                    )
                );
            }
        }

        Memory.Layout = new MarketLayout(leagues, spans.OrderBy(s => s.FirstKickoffUtc).ToList(), description, issues);
        Memory.LayoutKey = key;
        await SaveAsync();
        return Memory.Layout;
    }

    protected override async Task<Bus.BusBody?> AnswerAsync(Bus.BusBody request, AgentMessage envelope) =>
        request is Bus.FactsRequest facts ? new Bus.FactsAnswer(await SeasonFactsAsync(facts.Leagues, facts.Seasons)) : null;

    public async Task<IReadOnlyList<SeasonMarketFacts>> SeasonFactsAsync(IReadOnlyList<string> leagues, IReadOnlyList<string> seasons)
    {
        EnsureRunning();
        var result = new List<SeasonMarketFacts>();
        var changed = false;
        foreach (var season in seasons)
        {
            var key = $"{string.Join('+', leagues)}/{season}";
            // Facts cached before the quality checks existed are computed again.
            if (!Memory.Facts.TryGetValue(key, out var facts) || facts.Quality is null)
            {
                var data = await UseToolAsync(
                    ToolNames.SeasonRead,
                    () => Task.WhenAll(leagues.Select(l => grains.LeagueSeason(l, season).GetAsync()))
                );
                Memory.Facts[key] = facts = Compute(season, data.SelectMany(d => d.Matches));
                changed = true;
            }

            result.Add(facts);
        }

        if (changed)
        {
            await SaveAsync();
        }

        return result;
    }

    /// <summary>
    /// Home wins and the 1X2 booksum at the closing market average (Pinnacle when no average), and the season's
    /// quality: matches without Pinnacle's full closing 1X2, closing books out of range, fixtures seen twice.
    /// </summary>
    internal static SeasonMarketFacts Compute(string season, IEnumerable<MatchRecord> matches)
    {
        int n = 0,
            home = 0,
            all = 0,
            missingSharp = 0,
            outOfRange = 0;
        var sums = new List<double>();
        var fixtures = new Dictionary<(string, string, string), int>();
        foreach (var m in matches)
        {
            all++;
            fixtures[(m.League, m.HomeTeam, m.AwayTeam)] = fixtures.GetValueOrDefault((m.League, m.HomeTeam, m.AwayTeam)) + 1;
            // Each book's closing 1X2 read once: the quality checks and the season's booksum both use them.
            var sharp = Closing1X2(m, PriceSource.Pinnacle);
            var average = Closing1X2(m, PriceSource.MarketAvg);
            if (sharp.Length < 3)
            {
                missingSharp++;
            }

            if (
                new[] { sharp, average }.Any(b =>
                    b.Length == 3 && OddsMath.Booksum(b) is var x && (x < SeasonQuality.MinBooksum || x > SeasonQuality.MaxBooksum)
                )
            )
            {
                outOfRange++;
            }

            if (m.Result is not { } r)
            {
                continue;
            }

            n++;
            home += r.HomeGoals > r.AwayGoals ? 1 : 0;
            if ((average.Length == 3 ? average : sharp) is { Length: 3 } book)
            {
                sums.Add(OddsMath.Booksum(book));
            }
        }

        var mean = sums.Count > 0 ? sums.Average() : 1;
        var variance = sums.Count > 1 ? sums.Sum(x => (x - mean) * (x - mean)) / (sums.Count - 1) : 0;
        var repeated = fixtures.Values.Sum(c => c - 1);
        return new SeasonMarketFacts(season, n, home, mean, variance, new SeasonQuality(all, missingSharp, outOfRange, repeated));
    }

    /// <summary>A book's closing 1X2 prices (three when it quoted them all).</summary>
    private static double[] Closing1X2(MatchRecord match, PriceSource source) =>
        match
            .Quotes.Where(q => q.Source == source && q.Market == MarketType.MatchOdds && q.Phase == Phase.Closing)
            .Select(q => q.Price)
            .ToArray();
}

[GenerateSerializer]
[Alias("betting.DataEngineeringMemory")]
public sealed class DataEngineeringMemory
{
    [Id(0)]
    public MarketLayout? Layout { get; set; }

    [Id(1)]
    public string? LayoutKey { get; set; }

    [Id(2)]
    public Dictionary<string, SeasonMarketFacts> Facts { get; set; } = [];

    /// <summary>Unmapped team names already reported, per live sport.</summary>
    [Id(3)]
    public Dictionary<string, List<string>> Unmapped { get; set; } = [];

    /// <summary>Market time of the last refresh from football-data.</summary>
    [Id(4)]
    public DateTime? LastRefreshUtc { get; set; }
}
