using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Betting.Agents.Orchestration;
using Orleans.Betting.Clock;
using Orleans.Betting.Market;

namespace Orleans.Betting.Agents;

/// <summary>
/// The Orchestrator: its state (the memory) and its calls; the work is done by collaborators with one job
/// each, through the agent's hands — <see cref="ReplayCycle"/> (a replayed market, window by window),
/// <see cref="LiveTrader"/> (the live market, forever), <see cref="StrategySearch"/> (decide, search, review
/// and deploy) and <see cref="PaperTrading"/> (consensus, risk, bets, settlement, retirement). Every cycle
/// logs the five decisions (generate-or-evolve, candidates, data-period, human-review, deploy) with inputs,
/// alternatives and reasons, and resolves conflicts by explicit rules (a risk veto beats the consensus).
/// Each step runs once per cycle (idempotent step ids), so a restart resumes where it stopped.
/// </summary>
public sealed class OrchestratorAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<OrchestratorMemory>> record,
    IGrainFactory grains,
    AgentContext context,
    IOptions<OrchestratorOptions> orchestratorOptions,
    IOptions<MarketOptions> marketOptions,
    IOptions<ClockOptions> clockOptions,
    IOptions<Market.Live.LiveOddsOptions> liveOddsOptions,
    IOptions<ExternalApis.OddsApiOptions> oddsApiOptions,
    ILogger<OrchestratorAgent> logger
) : AgentGrain<OrchestratorMemory>(record, context, logger), IOrchestratorAgent
{
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
        ToolNames.PicksRecord,
        ToolNames.LedgerReport,
        ToolNames.PerformanceSettle,
        ToolNames.RegistryList,
        ToolNames.PerformanceRecords,
        ToolNames.StrategyRetire,
        ToolNames.LiveDecide,
        ToolNames.LivePoll,
        ToolNames.LiveOffer,
        ToolNames.LiveSettle,
        ToolNames.LedgerVoid,
        ToolNames.LiveStatus,
        ToolNames.CatalogList,
        ToolNames.OddsBoard,
        ToolNames.SteamRead,
        ToolNames.StrategyRevalidations,
    ];

    private (ReplayCycle Replay, LiveTrader Live)? jobs;

    /// <summary>The jobs, made on first use in this activation (they hold no state of their own: the memory is the agent's).</summary>
    private (ReplayCycle Replay, LiveTrader Live) Jobs =>
        jobs ??= MakeJobs(
            new OrchestratorSettings(grains, orchestratorOptions, marketOptions, clockOptions, liveOddsOptions, oddsApiOptions)
        );

    private (ReplayCycle, LiveTrader) MakeJobs(OrchestratorSettings settings)
    {
        var search = new StrategySearch(this, settings);
        var trading = new PaperTrading(this, settings);
        return (
            new ReplayCycle(this, settings, search, trading),
            new LiveTrader(this, settings, new LiveHistory(this, settings), search, trading)
        );
    }

    protected override Task TickAsync(CancellationToken cancellationToken) =>
        marketOptions.Value.IsLive ? Jobs.Live.TickAsync(cancellationToken) : Jobs.Replay.TickAsync();

    public Task<int> TradeNowAsync()
    {
        EnsureRunning();
        return Jobs.Live.TradeNowAsync();
    }

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
            Memory.LastReport,
            Memory.Focus,
            Memory.Families.ToDictionary(f => f.Key, f => new[] { f.Value.Trials, f.Value.Paying }, StringComparer.Ordinal)
        );
}
