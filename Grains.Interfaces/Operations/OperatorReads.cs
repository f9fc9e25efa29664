using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Views;
using Orleans.Betting.Clock;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Health;
using Orleans.Betting.Ledger;
using Orleans.Betting.Market;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Operations;

/// <summary>
/// The operator's questions, answered once for every front end: the client's <c>--json</c>, the
/// silo's <c>/api</c> and the web console all call these, so the same question gives the same figures.
/// Reads only (every grain method here is a client read).
/// </summary>
public static class OperatorReads
{
    /// <summary>Which market the figures come from (a demo says so), with the market's time.</summary>
    public static async Task<MarketLabel> MarketAsync(IGrainFactory grains)
    {
        var label = await grains.GetGrain<IPerformanceAnalystAgent>(AgentNames.PerformanceAnalyst).MarketAsync();
        if (label.MarketTimeUtc is null)
        {
            var clock = await grains.GetGrain<IMarketClockGrain>(IMarketClockGrain.Key).GetAsync();
            label = label with { MarketTimeUtc = clock.Mode == ClockStatus.ReplayMode ? clock.NowUtc : null };
        }

        return label;
    }

    /// <summary>The ledger's bets, oldest first; the newest <paramref name="last"/> when given.</summary>
    public static async Task<LedgerView> LedgerAsync(IGrainFactory grains, int? last = null)
    {
        var bets = grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).GetBetsAsync();
        var market = MarketAsync(grains);
        var all = await bets;
        var shown = last is { } n ? all.TakeLast(Math.Max(1, n)) : all;
        return new LedgerView(await market, all.Count, all.Count(b => b.Status == BetStatus.Open), shown.Select(BetView.From).ToList());
    }

    public static async Task<ReportView> ReportAsync(IGrainFactory grains)
    {
        var report = grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).GetReportAsync();
        var market = MarketAsync(grains);
        return ReportView.From(await report, await market);
    }

    /// <summary>
    /// A swarm run's consensus picks when <paramref name="runId"/> is given; otherwise the agents' recent
    /// picks when they have made any, else the latest finished run's; null when there are none of either.
    /// <paramref name="kickoffDate"/> keeps the picks of that kick-off date (UTC).
    /// </summary>
    public static async Task<PicksView?> PicksAsync(IGrainFactory grains, string? runId = null, DateOnly? kickoffDate = null)
    {
        var market = MarketAsync(grains);
        bool OnDate(DateTime kickoff) => kickoffDate is not { } d || DateOnly.FromDateTime(kickoff) == d;
        if (runId is null)
        {
            var board = await grains.GetGrain<IPicksBoardGrain>(IPicksBoardGrain.Agents).ListAsync();
            if (board.Count > 0)
            {
                return new PicksView(await market, "agents", board.Where(b => OnDate(b.Pick.KickoffUtc)).Select(PickView.From).ToList());
            }

            runId = await grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).LatestRunAsync();
            if (runId is null)
            {
                return null;
            }
        }

        var status = await grains.GetGrain<ISwarmRunGrain>(runId).GetStatusAsync();
        var picks = (status.Consensus?.Picks ?? [])
            .Where(p => OnDate(p.KickoffUtc))
            .Select(p => PickView.From(p, MatchId.TryParse(p.MatchId, out var id) ? id.League : ""))
            .ToList();
        return new PicksView(await market, $"run {runId}", picks);
    }

    /// <summary>The deployed strategies with their validation verdicts, live record and consensus weight.</summary>
    public static async Task<StrategiesView> StrategiesAsync(IGrainFactory grains)
    {
        var market = MarketAsync(grains);
        var deployed = await grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).ListAsync();
        var records = (await grains.GetGrain<IPerformanceAnalystAgent>(AgentNames.PerformanceAnalyst).TrackRecordsAsync()).ToDictionary(
            r => r.StrategyId,
            StringComparer.Ordinal
        );
        var infos = await Task.WhenAll(deployed.Select(d => grains.GetGrain<Strategies.IStrategyGrain>(d.Id).GetAsync()));
        var views = deployed
            .Zip(infos)
            .Select(x =>
            {
                var (d, info) = x;
                LiveRecordView? live = records.TryGetValue(d.Id, out var r)
                    ? new LiveRecordView(r.Bets, r.Staked, r.Profit, r.Roi, r.MeanClv, r.RetirementProposed)
                    : null;
                return new StrategyView(
                    d.Id,
                    d.Family,
                    d.Spec.Text,
                    d.RunId,
                    d.AddedUtc,
                    info.Lifecycle.ToString(),
                    info.ConsensusWeight,
                    info.PausedReason,
                    (info.Verdicts ?? []).Select(v => new VerdictView(v.Validator, v.Passed, v.Reason)).ToList(),
                    live
                );
            })
            .ToList();
        return new StrategiesView(await market, views);
    }

    public static Task<IReadOnlyList<ApprovalItem>> ApprovalsAsync(IGrainFactory grains) =>
        grains.GetGrain<IApprovalQueueGrain>(IApprovalQueueGrain.Key).ListAsync();

    public static Task<IReadOnlyList<IncidentView>> IncidentsAsync(IGrainFactory grains, bool openOnly = false, int last = 50) =>
        grains.GetGrain<IHealthMonitorGrain>(IHealthMonitorGrain.Key).GetIncidentsAsync(openOnly, Math.Max(1, last));

    public static async Task<IReadOnlyList<AgentView>> AgentsAsync(IGrainFactory grains) =>
        (await Task.WhenAll(AgentNames.All.Select(a => grains.Agent(a.Name).GetStatusAsync()))).Select(AgentView.From).ToList();

    /// <summary>An agent's newest decisions (oldest first), of one kind when given.</summary>
    public static async Task<IReadOnlyList<DecisionView>> DecisionsAsync(
        IGrainFactory grains,
        string agent,
        DecisionKind? kind = null,
        int last = 50
    ) =>
        (await grains.Agent(agent).GetDecisionsAsync(5000))
            .Where(d => kind is not { } k || d.Kind == k)
            .TakeLast(Math.Max(1, last))
            .Select(DecisionView.From)
            .ToList();

    /// <summary>The live market: per sport, the open bets, the next decision, the feed's lag (market and wall seconds) and the credits.</summary>
    public static async Task<LiveView> LiveAsync(IGrainFactory grains, IReadOnlyList<string>? sports = null)
    {
        var market = MarketAsync(grains);
        var orchestrator = (await grains.Agent(AgentNames.Orchestrator).GetStatusAsync()).MemoryAs<OrchestratorView>();
        var tracked = sports ?? orchestrator.Live?.Sports ?? [];
        var markets = await Task.WhenAll(tracked.Select(s => grains.GetGrain<ILiveMarketGrain>(s).GetStatusAsync()));
        var ledger = await grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).GetReportAsync();
        var bucket = await grains.GetGrain<ITokenBucketGrain>(ApiNames.Odds).GetStateAsync();
        var plan = await grains.GetGrain<IApiManagerAgent>(AgentNames.ApiManager).QuotaPlanAsync();
        var label = await market;
        var now = orchestrator.MarketTimeUtc;
        var next = markets.Select(m => m.NextDecisionUtc).OfType<DateTime>().Order().Cast<DateTime?>().FirstOrDefault();
        double? lag =
            markets.Select(m => m.LastPollUtc).OfType<DateTime>().Order().Cast<DateTime?>().FirstOrDefault() is { } oldest && now is { } t
                ? Math.Round((t - oldest).TotalSeconds, 1)
                : null;
        return new LiveView(
            label,
            now,
            label.Speed,
            orchestrator.Live?.Describe(),
            Missing(orchestrator, markets),
            markets
                .Select(m => new LiveSportView(
                    m.Sport,
                    m.League,
                    m.Events,
                    m.Mapped,
                    m.Unmapped,
                    m.LastPollUtc,
                    m.Upcoming,
                    m.Awaiting,
                    m.NextDecisionUtc,
                    m.Settled,
                    m.Voided,
                    m.SkippedQuotes,
                    m.LayQuotes,
                    m.BadPrices,
                    m.ScoresError,
                    m.RecentProblems
                ))
                .ToList(),
            ledger.Open,
            next,
            lag,
            lag is { } l ? Math.Round(l / label.Speed, 2) : null,
            new CreditsView(
                bucket.QuotaUsed,
                bucket.QuotaRemaining,
                plan?.ForecastMonth,
                plan?.MonthlyCredits,
                plan?.Reserve,
                plan?.IntervalMinutes,
                plan?.State,
                plan?.MonthEndUtc
            )
        );
    }

    /// <summary>What keeps the agents from trading live, in one line; null when nothing does.</summary>
    private static string? Missing(OrchestratorView orchestrator, IReadOnlyList<LiveSportStatus> markets) =>
        !orchestrator.IsLive ? "the agents replay a market (Betting:Market:Source is not 'live'): nothing is traded live"
        : orchestrator.Live is null ? "the orchestrator has not started live trading yet"
        : orchestrator.Live.Degraded is { } degraded ? degraded
        : orchestrator.Live.Sports.Count == 0 ? "no sport to trade: no league with history maps to a sport of the feed"
        : markets.Count > 0 && markets.All(m => m.LastPollUtc is null) ? "the feed has not been polled yet (is the odds API key set?)"
        : null;
}
