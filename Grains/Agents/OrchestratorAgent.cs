using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Betting.Agents.Bus;
using Orleans.Betting.Clock;
using Orleans.Betting.Market;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Agents;

/// <summary>
/// The Orchestrator: runs the cycle on the market clock, one window (a week by default) at a time —
/// ingest → settlement (results known by the window's start) → quality → the search decisions →
/// search (a swarm) → human review and deployment → consensus → risk → paper bets → report. Every cycle logs the five decisions
/// (generate-or-evolve, candidates, data-period, human-review, deploy) with inputs, alternatives
/// and reasons, and resolves conflicts by explicit rules (a risk veto beats the consensus). Each
/// step runs once per cycle (idempotent step ids), so a restart resumes where it stopped. Decisions
/// for a window are made at the window's start: only data known then is used.
/// </summary>
public sealed partial class OrchestratorAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<OrchestratorMemory>> record,
    IGrainFactory grains,
    AgentContext context,
    IOptions<OrchestratorOptions> orchestratorOptions,
    IOptions<MarketOptions> marketOptions,
    IOptions<ClockOptions> clockOptions,
    IOptions<Market.Live.LiveOddsOptions> liveOddsOptions,
    ILogger<OrchestratorAgent> logger
) : AgentGrain<OrchestratorMemory>(record, context, logger), IOrchestratorAgent
{
    public const string Generate = "generate";
    public const string Evolve = "evolve";

    protected override AgentRole Role => AgentRole.Orchestrator;

    protected override IReadOnlyList<string> Tools { get; } =
    [
        ToolNames.ClockRead,
        ToolNames.ClockConfigure,
        ToolNames.DataPrepare,
        ToolNames.DataFacts,
        ToolNames.SwarmStart,
        ToolNames.SwarmStatus,
        ToolNames.StrategyReturns,
        ToolNames.StrategyDeploy,
        ToolNames.ApprovalsEnqueue,
        ToolNames.ApprovalsRead,
        ToolNames.RegistryRead,
        ToolNames.ConsensusVote,
        ToolNames.RiskSize,
        ToolNames.LedgerPlace,
        ToolNames.LedgerReport,
        ToolNames.PerformanceSettle,
        ToolNames.RegistryList,
        ToolNames.PerformanceRecords,
        ToolNames.StrategyRetire,
        ToolNames.LiveDecide,
        ToolNames.LiveOffer,
        ToolNames.LiveSettle,
        ToolNames.LedgerVoid,
        ToolNames.LiveStatus,
        ToolNames.CatalogList,
        ToolNames.OddsBoard,
    ];

    private OrchestratorOptions Settings => orchestratorOptions.Value;

    private TimeSpan Window => Settings.Window;

    private IDataEngineeringAgent Data => grains.GetGrain<IDataEngineeringAgent>(AgentNames.DataEngineering);

    private IStrategyAnalystAgent Analyst => grains.GetGrain<IStrategyAnalystAgent>(AgentNames.StrategyAnalyst);

    protected override Views.AgentMemoryView DescribeMemory() =>
        new Views.OrchestratorView(
            Memory.Cycle,
            Memory.NextWindowUtc,
            Memory.DeployedTotal,
            Memory.BetsPlaced,
            Memory.Vetoes,
            string.Join(", ", Memory.Arms.Select(a => $"{a.Key} {a.Value.Successes:0.#}/{a.Value.Pulls}")),
            Memory.Trials.Trials,
            Memory.Trials.Variance,
            Memory.OpenedTestPeriods.ToDictionary(),
            Memory.Finished,
            marketOptions.Value.IsLive,
            Memory.Live is { } live
                ? new Views.LiveTradingView([.. live.Sports], live.Decisions, live.BetsPlaced, live.Refused, live.Voided, live.Degraded)
                : null,
            marketOptions.Value.IsLive ? MarketUtcNow : null,
            Memory.LastReport
        );

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        if (marketOptions.Value.IsLive)
        {
            await LiveTickAsync(cancellationToken);
            return;
        }

        if (Memory.Finished)
        {
            return;
        }

        if (!await RunStepAsync("prepare", PrepareAsync))
        {
            return;
        }

        var clock = await UseToolAsync(ToolNames.ClockRead, () => grains.GetGrain<IMarketClockGrain>(IMarketClockGrain.Key).GetAsync());
        var windowStart = Memory.NextWindowUtc!.Value;
        if (windowStart >= Memory.MarketEndUtc)
        {
            await UseToolAsync(ToolNames.ClockConfigure, () => grains.GetGrain<IMarketClockGrain>(IMarketClockGrain.Key).HoldAtAsync(null));
            await SettleAsync(Memory.MarketEndUtc);
            Memory.Finished = true;
            Memory.LastReport = $"replay finished after {Memory.Cycle} cycles: {Memory.LastReport}";
            await SaveAsync();
            return;
        }

        if (clock.HoldUtc != windowStart)
        {
            // Virtual time: the clock stops at this window's start until its cycle is done (set again
            // each tick, so a crash between a cycle's end and the hold's move cannot stall the replay).
            clock = await UseToolAsync(
                ToolNames.ClockConfigure,
                () => grains.GetGrain<IMarketClockGrain>(IMarketClockGrain.Key).HoldAtAsync(windowStart)
            );
        }

        if (clock.NowUtc < windowStart)
        {
            return; // the market has not reached the next window yet
        }

        var cycle = Memory.Cycle + 1;
        var work = Memory.Current ??= new CycleWork { Cycle = cycle, WindowStartUtc = windowStart };
        var p = $"c{cycle}:";
        // Settlement first, up to the window's start only: the bankroll the stakes are sized from
        // is then the same on every run (results known at decision time), whatever the real timing.
        var done =
            await RunStepAsync(p + "ingest", () => IngestAsync(work))
            && await RunStepAsync(
                p + "settle",
                async () =>
                {
                    await SettleAsync(windowStart);
                    return true;
                }
            )
            && await RunStepAsync(p + "retire", () => RetireAsync(work))
            && await RunStepAsync(p + "quality", () => QualityAsync(work))
            && await RunStepAsync(p + "decide", () => DecideSearchAsync(work, clock))
            && await RunStepAsync(p + "search", () => SearchAsync(work))
            && await RunStepAsync(p + "review", () => ReviewAndDeployAsync(work))
            && await RunStepAsync(p + "consensus", () => ConsensusAsync(work))
            && await RunStepAsync(p + "risk", () => RiskAsync(work))
            && await RunStepAsync(p + "bets", () => PlaceAsync(work));
        if (!done)
        {
            await SaveAsync();
            return;
        }

        Memory.History.Add(
            new CycleSummary(
                cycle,
                windowStart,
                work.Arm,
                work.Candidates,
                work.Deployed.Count,
                work.Picks.Count,
                work.Bets.Count,
                work.VetoCount
            )
        );
        Memory.LastReport =
            $"cycle {cycle} ({windowStart:yyyy-MM-dd}): {work.Candidates} candidates, {work.Deployed.Count} deployed, "
            + $"{work.Picks.Count} picks, {work.Bets.Count} bets, {work.VetoCount} vetoed";
        Memory.Cycle = cycle;
        Memory.NextWindowUtc = windowStart + Window;
        Memory.Current = null;
        await SaveAsync();
        await BroadcastAsync(AgentBus.CycleTopic, new CycleCompleted(Memory.LastReport));
    }

    private async Task<bool> PrepareAsync()
    {
        var settings = marketOptions.Value.ToSettings();
        var layout = await UseToolAsync(ToolNames.DataPrepare, () => Data.PrepareMarketAsync(settings));
        if (layout.Seasons.Count < 4)
        {
            throw new InvalidOperationException(
                $"the market ({layout.Description}) has {layout.Seasons.Count} seasons with matches: the agents need at least 4 (3 to learn from, 1 to trade)"
            );
        }

        var learn = Math.Clamp(Settings.LearningSeasons ?? layout.Seasons.Count - 2, 3, layout.Seasons.Count - 1);
        var start = layout.Seasons[learn].FirstKickoffUtc.Date;
        var end = layout.Seasons[^1].LastKickoffUtc.Date.AddDays(1);
        var speed = clockOptions.Value.Speed;
        await UseToolAsync(
            ToolNames.ClockConfigure,
            () => grains.GetGrain<IMarketClockGrain>(IMarketClockGrain.Key).ConfigureAsync(start, end.AddDays(1), speed, layout.Description)
        );
        Memory.Layout = layout;
        Memory.NextWindowUtc = start;
        Memory.MarketEndUtc = end;
        Decide(
            0,
            DecisionKind.Market,
            layout.Description,
            ["synthetic", "import"],
            new Dictionary<string, string>
            {
                ["seasons"] = string.Join(",", layout.Seasons.Select(s => s.Season)),
                ["tradingFrom"] = start.ToString("u", CultureInfo.InvariantCulture),
                ["speed"] = speed.ToString(CultureInfo.InvariantCulture),
            },
            [
                $"learn from {learn} season(s), trade from {layout.Seasons[learn].Season} on paper",
                .. layout.QualityIssues.Select(i => $"quality: {i}"),
            ]
        );
        return true;
    }

    private async Task<bool> IngestAsync(CycleWork work)
    {
        // Replay: the market data is all present; what matters is what the clock lets us see.
        var layout = await UseToolAsync(ToolNames.DataPrepare, () => Data.PrepareMarketAsync(marketOptions.Value.ToSettings()));
        work.QualityIssues = layout.QualityIssues.ToList();
        return true;
    }

    /// <summary>Acts on the PerformanceAnalyst's proposals: a deployed strategy whose live record decays is retired (live evidence outranks the backtest it was validated on).</summary>
    private async Task<bool> RetireAsync(CycleWork work)
    {
        var records = await UseToolAsync(
            ToolNames.PerformanceRecords,
            () => grains.GetGrain<IPerformanceAnalystAgent>(AgentNames.PerformanceAnalyst).TrackRecordsAsync()
        );
        var deployed = (
            await UseToolAsync(
                ToolNames.RegistryRead,
                () => grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).ListAsync()
            )
        )
            .Select(d => d.Id)
            .ToHashSet();
        foreach (var r in records.Where(r => r.RetirementProposed && deployed.Contains(r.StrategyId)))
        {
            var reason =
                $"live record decayed: {r.Bets} bets, ROI {r.Roi:P1}, mean CLV {r.MeanClv?.ToString("P1", CultureInfo.InvariantCulture) ?? "-"}";
            await UseToolAsync(
                ToolNames.StrategyRetire,
                async () =>
                {
                    await grains
                        .GetGrain<IStrategyGrain>(r.StrategyId)
                        .TransitionAsync(StrategyLifecycle.Retired, $"orchestrator cycle {work.Cycle}: {reason}");
                    await grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).RemoveAsync(r.StrategyId);
                }
            );
            Decide(
                work.Cycle,
                DecisionKind.Retire,
                r.StrategyId,
                ["keep", "retire"],
                new Dictionary<string, string>
                {
                    ["bets"] = r.Bets.ToString(CultureInfo.InvariantCulture),
                    ["roi"] = r.Roi.ToString("P2", CultureInfo.InvariantCulture),
                },
                [reason, "conflict rule: live evidence (PerformanceAnalyst) outranks the validation it was deployed on"]
            );
        }

        return true;
    }

    private async Task<bool> QualityAsync(CycleWork work)
    {
        var layout = Memory.Layout!;
        work.Completed = layout.Seasons.Where(s => s.LastKickoffUtc < work.WindowStartUtc).Select(s => s.Season).ToList();
        work.Current = layout
            .Seasons.Where(s => s.FirstKickoffUtc <= work.WindowStartUtc + Window && s.LastKickoffUtc >= work.WindowStartUtc)
            .Select(s => s.Season)
            .ToList();
        work.Facts = (await UseToolAsync(ToolNames.DataFacts, () => Data.SeasonFactsAsync(layout.Leagues, work.Completed))).ToList();
        return true;
    }
}
