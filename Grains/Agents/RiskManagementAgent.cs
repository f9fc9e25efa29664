using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Ledger;

namespace Orleans.Betting.Agents;

/// <summary>
/// RiskManagement: takes the consensus's Kelly-sized bets and holds them to the limits — per
/// match, per kick-off day and per league open exposure, a minimum stake, and a bankroll floor
/// below which nothing is bet. A stake cut below the minimum, or any bet under the floor, is a veto
/// with the rule and the figures; the orchestrator's conflict rule is that a veto wins.
/// </summary>
public sealed class RiskManagementAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<RiskMemory>> record,
    IGrainFactory grains,
    AgentContext context,
    IOptions<RiskOptions> risk,
    ILogger<RiskManagementAgent> logger
) : AgentGrain<RiskMemory>(record, context, logger), IRiskManagementAgent
{
    protected override AgentRole Role => AgentRole.Specialist;

    protected override double DefaultTickSeconds => 5;

    protected override IReadOnlyList<string> Tools { get; } = [ToolNames.LedgerRead, ToolNames.LedgerReport];

    protected override Task TickAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override Views.AgentMemoryView DescribeMemory() => new Views.RiskView(Memory.Accepted, Memory.Vetoed);

    public async Task<RiskDecision> SizeAsync(IReadOnlyList<PaperBet> proposed)
    {
        EnsureRunning();
        var limits = risk.Value.Limits;
        var ledger = grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper);
        var report = await UseToolAsync(ToolNames.LedgerRead, () => ledger.GetReportAsync());
        var open = (await UseToolAsync(ToolNames.LedgerRead, () => ledger.GetBetsAsync())).Where(b => b.Status == BetStatus.Open).ToList();
        var bankroll = report.Bankroll;
        var (accepted, vetoes) = ExposureRules.Apply(proposed, open, bankroll, report.InitialBankroll, limits);
        Memory.Accepted += accepted.Count;
        Memory.Vetoed += vetoes.Count;
        await SaveAsync();
        return new RiskDecision(accepted, vetoes);
    }
}

[GenerateSerializer]
[Alias("betting.RiskMemory")]
public sealed class RiskMemory
{
    [Id(0)]
    public long Accepted { get; set; }

    [Id(1)]
    public long Vetoed { get; set; }
}
