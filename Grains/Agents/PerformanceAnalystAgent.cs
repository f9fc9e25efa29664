using Microsoft.Extensions.Logging;
using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Health;
using Orleans.Betting.Ledger;

namespace Orleans.Betting.Agents;

/// <summary>
/// PerformanceAnalyst: settles paper bets as results arrive on the clock and keeps the track record (ROI, CLV,
/// drawdown); on its own timer, whenever more bets have settled (by whichever path), it explains the ledger
/// (<see cref="Insights"/>) and publishes the headlines on the insights topic.
/// </summary>
public sealed class PerformanceAnalystAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<PerformanceMemory>> record,
    IGrainFactory grains,
    AgentContext context,
    Microsoft.Extensions.Options.IOptions<Market.MarketOptions> market,
    ILogger<PerformanceAnalystAgent> logger
) : AgentGrain<PerformanceMemory>(record, context, logger), IPerformanceAnalystAgent
{
    protected override AgentRole Role => AgentRole.Specialist;

    protected override double DefaultTickSeconds => 5;

    protected override IReadOnlyList<string> Tools { get; } =
    [ToolNames.LedgerSettle, ToolNames.LedgerRead, ToolNames.LedgerReport, ToolNames.ClockRead, ToolNames.StrategyWeight, ToolNames.Notify];

    /// <summary>Publishes what the ledger says each time more bets have settled since the last publication.</summary>
    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        var report = await UseToolAsync(ToolNames.LedgerRead, () => grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).GetReportAsync());
        if (report.Settled == 0 || report.Settled == Memory.PublishedAtSettled)
        {
            return;
        }

        var insights = await InsightsAsync();
        Memory.Headlines = [.. Insights.Headlines(insights, Options.Performance.MinBets)];
        Memory.PublishedAtSettled = report.Settled;
        await SaveAsync();
        await BroadcastAsync(AgentBus.InsightsTopic, new Bus.InsightsPublished(insights.Settled, Memory.Headlines));
    }

    protected override Views.AgentMemoryView DescribeMemory() =>
        new Views.PerformanceView(
            Memory.Last?.Settled,
            Memory.Last?.Roi,
            Memory.Last?.MeanClv,
            Memory.Headlines,
            Memory.PublishedAtSettled
        );

    protected override async Task<Bus.BusBody?> AnswerAsync(Bus.BusBody request, AgentMessage envelope) =>
        request is Bus.SettleRequest settle ? new Bus.SettleAnswer(await SettleAsync(settle.ClockUtc)) : null;

    public async Task<PerformanceSummary> SettleAsync(DateTime clockUtc)
    {
        EnsureRunning();
        var ledger = grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper);
        var settled = await UseToolAsync(ToolNames.LedgerSettle, () => ledger.SettleAsync(clockUtc));
        var report = await UseToolAsync(ToolNames.LedgerRead, () => ledger.GetReportAsync());
        Memory.Last = new PerformanceSummary(
            report.Settled,
            report.Profit,
            report.Roi,
            report.MeanClv,
            report.MaxDrawdownShare,
            settled.StillOpen
        );
        if (settled.Settled > 0)
        {
            var bets = await UseToolAsync(ToolNames.LedgerRead, () => ledger.GetBetsAsync());
            await UpdateTrackRecordsAsync(bets);
            // The bets this call settled: the latest settled ones (settlement is in time order).
            var justSettled = bets.Where(b => b.Status != BetStatus.Open && b.SettledUtc is not null)
                .OrderBy(b => b.SettledUtc)
                .ThenBy(b => b.Id, StringComparer.Ordinal)
                .TakeLast(settled.Settled)
                .ToList();
            if (Decisions.TradeNotices.Settled(justSettled, AgentNames.PerformanceAnalyst) is { } notice)
            {
                await AlertAsync(notice);
            }
        }

        await SaveAsync();
        return Memory.Last;
    }

    public Task<IReadOnlyList<StrategyTrackRecord>> TrackRecordsAsync() =>
        Task.FromResult<IReadOnlyList<StrategyTrackRecord>>(
            Memory.Records.Values.OrderBy(r => r.StrategyId, StringComparer.Ordinal).ToList()
        );

    public async Task<LedgerInsights> InsightsAsync()
    {
        var bets = await UseToolAsync(ToolNames.LedgerRead, () => grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).GetBetsAsync());
        return Insights.Compute(bets, MarketLabel().Text);
    }

    public Task<Operations.MarketLabel> MarketAsync() =>
        Task.FromResult(MarketLabel() with { Speed = MarketClock.Speed, MarketTimeUtc = market.Value.IsLive ? MarketUtcNow : null });

    /// <summary>Which market the figures come from; a demo market says its profit is the plant's.</summary>
    private Operations.MarketLabel MarketLabel()
    {
        var m = market.Value;
        return m.SourceKind switch
        {
            MarketSource.Live when MarketClock.Accelerated => new(
                "simulated live market (demo: its profit comes from the simulator's planted edges)",
                IsDemo: true
            ),
            MarketSource.Live => new("live odds feed", IsDemo: false),
            MarketSource.Import => new("imported market (real history)", IsDemo: false),
            _ when string.Equals(m.Plant, "none", StringComparison.OrdinalIgnoreCase) => new(
                "synthetic market without a planted edge (a simulation)",
                IsDemo: true
            ),
            _ => new($"synthetic market with a planted edge ({m.Plant}): a demo, its profit is the plant's", IsDemo: true),
        };
    }

    private async Task UpdateTrackRecordsAsync(IReadOnlyList<PaperBet> bets)
    {
        var minBets = Options.Performance.MinBets;
        var settled = bets.Where(b => b.Status != BetStatus.Open && b.Strategies is { Count: > 0 }).ToList();
        foreach (var group in settled.SelectMany(b => b.Strategies!.Select(s => (Strategy: s, Bet: b))).GroupBy(x => x.Strategy))
        {
            var n = group.Count();
            var staked = group.Sum(x => x.Bet.Stake);
            var profit = group.Sum(x => x.Bet.Profit);
            var clv = group.Select(x => x.Bet.Clv).OfType<double>().ToList();
            var roi = staked > 0 ? profit / staked : 0;
            var meanClv = clv.Count > 0 ? clv.Average() : (double?)null;
            var weight = Math.Round(TrackRecordRules.Weight(n, roi), 3);
            var previous = Memory.Records.GetValueOrDefault(group.Key);
            if (previous is null || Math.Abs(previous.Weight - weight) >= 0.01)
            {
                await UseToolAsync(
                    ToolNames.StrategyWeight,
                    () =>
                        grains
                            .GetGrain<Strategies.IStrategyGrain>(group.Key)
                            .SetConsensusWeightAsync(
                                weight,
                                $"live record: {n} bets, ROI {roi:P1}, mean CLV {meanClv?.ToString("P1", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}"
                            )
                );
            }

            var recordInputs = new Dictionary<string, string>
            {
                ["bets"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["roi"] = roi.ToString("P2", System.Globalization.CultureInfo.InvariantCulture),
                ["meanClv"] = meanClv?.ToString("P2", System.Globalization.CultureInfo.InvariantCulture) ?? "-",
            };
            var propose = TrackRecordRules.Decaying(n, roi, meanClv, minBets);
            if (propose && previous?.RetirementProposed != true)
            {
                await FlagAsync(
                    DecisionKind.RetireProposal,
                    $"retire|{group.Key}",
                    group.Key,
                    ["keep", "retire"],
                    recordInputs,
                    $"{n} live bets losing ({roi:P1}) at prices worse than the closing line: the edge it was validated on is gone",
                    $"Strategy {group.Key} is decaying ({n} bets, ROI {roi:P1}): proposed for retirement"
                );
            }

            // The live check on the gate's assumption: realised returns against what the CLV predicted, bet for bet.
            var witness = Quant.GateStatistic.Evaluate(
                group
                    .Where(x => x.Bet.Stake > 0)
                    .Select(x => new Quant.EvidenceBet(x.Bet.MatchId, x.Bet.Stake, x.Bet.Profit / x.Bet.Stake, x.Bet.Clv ?? double.NaN))
                    .ToArray(),
                Swarms.GateEvidence.Clv
            );
            var parted = n >= minBets && witness.Inconsistent;
            if (parted && previous?.CloseParted != true)
            {
                await FlagAsync(
                    DecisionKind.CloseParted,
                    $"close-parted|{group.Key}",
                    group.Key,
                    ["trust-the-close", "distrust-the-close"],
                    new Dictionary<string, string>(recordInputs)
                    {
                        ["gapZ"] = witness.ConsistencyZ.ToString("F2", System.Globalization.CultureInfo.InvariantCulture),
                    },
                    $"realised returns fall {-witness.ConsistencyGap:P2} a unit short of what the CLV predicts (z {witness.ConsistencyZ:F2}): the sharp close is not an unbiased witness for these bets",
                    $"Strategy {group.Key}: realised returns part from its CLV ({n} bets, ROI {roi:P1}, CLV {meanClv:P1}, z {witness.ConsistencyZ:F2}): the gate's evidence does not hold for it"
                );
            }

            // Per-unit returns of its bets: the spread behind the live ROI's interval in the health checks.
            var returns = group.Where(x => x.Bet.Stake > 0).Select(x => x.Bet.Profit / x.Bet.Stake).ToList();
            var mean = returns.Count > 0 ? returns.Average() : 0;
            var sd = returns.Count > 1 ? Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (returns.Count - 1)) : 0;
            Memory.Records[group.Key] = new StrategyTrackRecord(
                group.Key,
                n,
                staked,
                profit,
                meanClv,
                weight,
                propose || previous?.RetirementProposed == true,
                sd,
                double.IsNaN(witness.ConsistencyGap) ? null : witness.ConsistencyGap,
                double.IsNaN(witness.ConsistencyZ) ? null : witness.ConsistencyZ,
                parted || previous?.CloseParted == true
            );
        }
    }

    /// <summary>A decision about one strategy, with its reason, and the warning alert that goes with it.</summary>
    private async Task FlagAsync(
        DecisionKind kind,
        string alertId,
        string strategy,
        IReadOnlyList<string> alternatives,
        Dictionary<string, string> inputs,
        string reason,
        string alert
    )
    {
        Decide(0, kind, strategy, alternatives, inputs, [reason]);
        await UseToolAsync(ToolNames.Notify, () => AlertAsync(new Alert(alertId, Severity.Warning, AgentNames.PerformanceAnalyst, alert)));
    }
}

[GenerateSerializer]
[Alias("betting.PerformanceMemory")]
public sealed class PerformanceMemory
{
    [Id(0)]
    public PerformanceSummary? Last { get; set; }

    [Id(1)]
    public Dictionary<string, StrategyTrackRecord> Records { get; set; } = [];

    /// <summary>The settled count at the last publication, and what was published.</summary>
    [Id(2)]
    public int PublishedAtSettled { get; set; }

    [Id(3)]
    public List<string> Headlines { get; set; } = [];
}
