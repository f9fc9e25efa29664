using Microsoft.Extensions.Logging;
using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Market;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Agents;

/// <summary>
/// StrategyAnalyst: runs searches asked of it on the bus (<see cref="Bus.SearchRequest"/>: a swarm run started
/// once per run id, answered at once), watches them on its own timer and tells the asker when each ends
/// (<see cref="Bus.SearchFinished"/>); reports on runs and backtests for redundancy checks.
/// </summary>
public sealed class StrategyAnalystAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<StrategyAnalystMemory>> record,
    IGrainFactory grains,
    AgentContext context,
    Microsoft.Extensions.Options.IOptions<MarketOptions> market,
    ILogger<StrategyAnalystAgent> logger
) : AgentGrain<StrategyAnalystMemory>(record, context, logger), IStrategyAnalystAgent
{
    protected override AgentRole Role => AgentRole.Specialist;

    protected override double DefaultTickSeconds => 5;

    protected override IReadOnlyList<string> Tools { get; } =
    [
        ToolNames.SwarmStart,
        ToolNames.SwarmStatus,
        ToolNames.StrategyBacktest,
        ToolNames.RegistryList,
        ToolNames.CatalogList,
        ToolNames.ClockRead,
        ToolNames.Notify,
    ];

    /// <summary>
    /// Watches the searches it was asked for (each one's end is sent to its asker, durably, until acknowledged), and
    /// between test periods re-validates the deployed strategies on data that completed since they were validated.
    /// </summary>
    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        await WatchSearchesAsync();
        await RevalidateAsync(cancellationToken);
    }

    private async Task WatchSearchesAsync()
    {
        foreach (var watch in Memory.Watching.ToList())
        {
            var status = await UseToolAsync(ToolNames.SwarmStatus, () => grains.GetGrain<ISwarmRunGrain>(watch.RunId).GetStatusAsync());
            if (status.Phase is not (SwarmPhase.Completed or SwarmPhase.Failed))
            {
                continue;
            }

            Memory.Watching.Remove(watch);
            await SendAsync(
                watch.Asker,
                new Bus.SearchFinished(
                    watch.RunId,
                    status.Phase,
                    status.Generation?.Trials ?? 0,
                    status.Validation.Count(v => v.Approved),
                    status.Error
                )
            );
        }
    }

    /// <summary>
    /// Each deployed strategy, on each league it was searched on, backtested on every season completed after the last one
    /// its validation read (never a holdout again), judged by the closing line (<see cref="Revalidation"/>); a failure is
    /// a decision and a warning, and the orchestrator retires the strategy at its next cycle.
    /// </summary>
    private async Task RevalidateAsync(CancellationToken cancellationToken)
    {
        var deployed = await UseToolAsync(
            ToolNames.RegistryList,
            () => grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).ListAsync()
        );
        if (deployed.Count == 0)
        {
            return;
        }

        // Before the orchestrator configures a replay's clock, nothing is known to have completed.
        if (await MarketClockNowAsync(market.Value.IsLive) is not { } now)
        {
            return;
        }

        IReadOnlyList<SeasonSummary>? catalog = null;
        foreach (var strategy in deployed.Where(d => !Memory.Failed.ContainsKey(d.Id)))
        {
            if (!Memory.FirstSeenUtc.TryGetValue(strategy.Id, out var firstSeen))
            {
                Memory.FirstSeenUtc[strategy.Id] = firstSeen = now;
                await SaveAsync();
            }

            var run = await UseToolAsync(ToolNames.SwarmStatus, () => grains.GetGrain<ISwarmRunGrain>(strategy.RunId).GetStatusAsync());
            var lastValidated = run.Request?.TestSeasons.Concat(run.Request.TrainSeasons).Max(StringComparer.Ordinal);
            catalog ??= await UseToolAsync(
                ToolNames.CatalogList,
                () => grains.GetGrain<IMarketCatalogGrain>(IMarketCatalogGrain.Key).ListAsync()
            );
            var leagues = run.Request?.Leagues ?? catalog.Select(c => c.League).Distinct().ToList();
            foreach (var league in leagues)
            {
                var seasons = catalog.Where(c => c.League == league && c.Matches > 0).ToList();
                var fresh = Revalidation.Fresh(
                    seasons.Select(c => (c.Season, c.FirstKickoffUtc, c.LastKickoffUtc)),
                    lastValidated,
                    firstSeen,
                    now
                );
                var done = Memory.Revalidated.GetValueOrDefault(strategy.Id) ?? [];
                foreach (var season in fresh.Where(f => !done.Contains($"{league}/{f}")))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var warmUp = seasons
                        .Select(c => c.Season)
                        .Where(x => string.CompareOrdinal(x, season) < 0)
                        .Order(StringComparer.Ordinal)
                        .TakeLast(2)
                        .ToList();
                    var report = await UseToolAsync(
                        ToolNames.StrategyBacktest,
                        () =>
                            grains
                                .GetGrain<IStrategyGrain>(strategy.Id)
                                .BacktestAsync(
                                    new BacktestRequest(league, [season], BootstrapSamples: 0, KeepReport: false, WarmUpSeasons: warmUp),
                                    cancellationToken
                                )
                    );
                    var (failed, reason) = Revalidation.Judge(league, season, report.Figures);
                    done.Add($"{league}/{season}");
                    Memory.Revalidated[strategy.Id] = done;
                    Decide(
                        0,
                        DecisionKind.Revalidation,
                        $"{strategy.Id}: {(failed ? "failed" : "holds")}",
                        ["holds", "failed"],
                        new Dictionary<string, string>
                        {
                            ["season"] = $"{league}/{season}",
                            ["lastValidated"] = lastValidated ?? $"none on record: seasons begun after {firstSeen:u}",
                            ["bets"] = report.Figures.Bets.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        },
                        [reason]
                    );
                    if (failed)
                    {
                        Memory.Failed[strategy.Id] = reason;
                        await UseToolAsync(
                            ToolNames.Notify,
                            () =>
                                AlertAsync(
                                    new Alert(
                                        $"revalidation|{strategy.Id}",
                                        Health.Severity.Warning,
                                        AgentNames.StrategyAnalyst,
                                        $"Strategy {strategy.Id} failed re-validation on fresh data: {reason}"
                                    )
                                )
                        );
                    }

                    await SaveAsync();
                    if (failed)
                    {
                        break;
                    }
                }
            }
        }
    }

    public Task<IReadOnlyDictionary<string, string>> RevalidationFailuresAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(Memory.Failed.ToDictionary(StringComparer.Ordinal));

    protected override async Task<Bus.BusBody?> AnswerAsync(Bus.BusBody request, AgentMessage envelope)
    {
        if (request is not Bus.SearchRequest search)
        {
            return null;
        }

        var status = await StartSwarmAsync(search.RunId, search.Request);
        if (status.Phase is not (SwarmPhase.Completed or SwarmPhase.Failed) && !Memory.Watching.Any(w => w.RunId == search.RunId))
        {
            Memory.Watching.Add(new SearchWatch(search.RunId, envelope.From));
            await SaveAsync();
        }

        return new Bus.SearchAnswer(search.RunId, status.Phase);
    }

    protected override Views.AgentMemoryView DescribeMemory() =>
        new Views.StrategyAnalystView(Memory.Runs.Count, Memory.Runs.LastOrDefault());

    /// <summary>Starts the run once (idempotent by run id) and returns its status.</summary>
    private async Task<SwarmRunStatus> StartSwarmAsync(string runId, SwarmRunRequest request)
    {
        var run = grains.GetGrain<ISwarmRunGrain>(runId);
        var status = await UseToolAsync(ToolNames.SwarmStatus, () => run.GetStatusAsync());
        if (status.Request is not null)
        {
            return status; // started before (a resumed cycle): never twice
        }

        status = await UseToolAsync(ToolNames.SwarmStart, () => run.StartAsync(request));
        Memory.Runs.Add(runId);
        await SaveAsync();
        return status;
    }

    public Task<SwarmRunStatus> SwarmStatusAsync(string runId)
    {
        EnsureRunning();
        return UseToolAsync(ToolNames.SwarmStatus, () => grains.GetGrain<ISwarmRunGrain>(runId).GetStatusAsync());
    }

    public async Task<IReadOnlyDictionary<BetKey, double>> ReturnsAsync(string strategyId, string league, IReadOnlyList<string> seasons)
    {
        EnsureRunning();
        var report = await UseToolAsync(
            ToolNames.StrategyBacktest,
            () =>
                grains
                    .GetGrain<IStrategyGrain>(strategyId)
                    .BacktestAsync(new BacktestRequest(league, seasons, BootstrapSamples: 0, KeepReport: false, IncludeReturns: true))
        );
        return Redundancy.Keyed(report.ReturnKeys ?? [], report.Returns ?? []);
    }
}

[GenerateSerializer]
[Alias("betting.StrategyAnalystMemory")]
public sealed class StrategyAnalystMemory
{
    [Id(0)]
    public List<string> Runs { get; set; } = [];

    /// <summary>Searches asked for on the bus and not yet ended: whose news their end is.</summary>
    [Id(1)]
    public List<SearchWatch> Watching { get; set; } = [];

    /// <summary>The league-seasons each deployed strategy was re-validated on ("league/season").</summary>
    [Id(2)]
    public Dictionary<string, List<string>> Revalidated { get; set; } = [];

    /// <summary>Deployed strategies whose re-validation failed, with the reason.</summary>
    [Id(3)]
    public Dictionary<string, string> Failed { get; set; } = [];

    /// <summary>When (market time) each deployed strategy was first seen: the start of its fresh data when no validation is on record.</summary>
    [Id(4)]
    public Dictionary<string, DateTime> FirstSeenUtc { get; set; } = [];
}

[GenerateSerializer, Immutable]
[Alias("betting.SearchWatch")]
public sealed record SearchWatch([property: Id(0)] string RunId, [property: Id(1)] string Asker);
