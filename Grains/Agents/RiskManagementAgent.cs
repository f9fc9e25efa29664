using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Ledger;

namespace Orleans.Betting.Agents;

/// <summary>
/// RiskManagement: sizes each set of proposed bets as one portfolio (<see cref="PortfolioRisk"/>): simultaneous
/// fractional Kelly over the day's picks with the open bets held, scaled down in a drawdown, then held to the caps per
/// match, kick-off day, league and bookmaker, a minimum stake and a bankroll floor. It logs one sizing decision per
/// call with every cut and veto, its rule and figures; the orchestrator's conflict rule is that a veto wins.
/// </summary>
public sealed class RiskManagementAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<RiskMemory>> record,
    IGrainFactory grains,
    AgentContext context,
    IOptions<RiskOptions> risk,
    ILogger<RiskManagementAgent> logger
) : AgentGrain<RiskMemory>(record, context, logger), IRiskManagementAgent
{
    /// <summary>Cuts and vetoes listed in one sizing decision (the counts are always whole).</summary>
    private const int ListedPerDecision = 20;

    protected override AgentRole Role => AgentRole.Specialist;

    protected override double DefaultTickSeconds => 5;

    protected override IReadOnlyList<string> Tools { get; } = [ToolNames.LedgerRead, ToolNames.LedgerReport];

    protected override Task TickAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override Views.AgentMemoryView DescribeMemory() =>
        new Views.RiskView(Memory.Accepted, Memory.Vetoed, Memory.Cut, Memory.Last);

    protected override async Task<Bus.BusBody?> AnswerAsync(Bus.BusBody request, AgentMessage envelope) =>
        request is Bus.SizeRequest size ? new Bus.SizeAnswer(await SizeAsync(size.Bets)) : null;

    public async Task<RiskDecision> SizeAsync(IReadOnlyList<PaperBet> proposed)
    {
        EnsureRunning();
        var limits = risk.Value.Limits;
        var ledger = grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper);
        var report = await UseToolAsync(ToolNames.LedgerRead, () => ledger.GetReportAsync());
        var open = (await UseToolAsync(ToolNames.LedgerRead, () => ledger.GetBetsAsync())).Where(b => b.Status == BetStatus.Open).ToList();
        var result = PortfolioRisk.Apply(proposed, open, report.Bankroll, report.InitialBankroll, report.PeakBankroll, limits);
        Memory.Accepted += result.Accepted.Count;
        Memory.Vetoed += result.Vetoes.Count;
        Memory.Cut += result.Cuts.Count;
        Memory.Last = result.Sizing;
        var z = result.Sizing;
        Decide(
            0,
            DecisionKind.Sizing,
            $"{result.Accepted.Count} of {proposed.Count} bet(s) sized, {result.Vetoes.Count} vetoed, {result.Cuts.Count} cut",
            ["independent Kelly", "portfolio Kelly"],
            new Dictionary<string, string>
            {
                ["bankroll"] = Money(z.Bankroll),
                ["drawdown"] = z.DrawdownShare.ToString("P1", CultureInfo.InvariantCulture),
                ["scale"] = z.DeRiskScale.ToString("P0", CultureInfo.InvariantCulture),
                ["kellyFraction"] = z.KellyFraction.ToString("0.###", CultureInfo.InvariantCulture),
                ["independentStake"] = Money(z.IndependentStake),
                ["portfolioStake"] = Money(z.PortfolioStake),
                ["finalStake"] = Money(z.FinalStake),
                ["open"] = open.Count.ToString(CultureInfo.InvariantCulture),
            },
            [
                $"sized together: {Money(z.PortfolioStake)} against {Money(z.IndependentStake)} one by one; {Money(z.FinalStake)} after the drawdown scale and the caps",
                .. result
                    .Cuts.Take(ListedPerDecision)
                    .Select(c => $"cut {c.MatchId} {c.Selection} {Money(c.Before)} → {Money(c.After)} ({c.Rule}): {c.Reason}"),
                .. result.Vetoes.Take(ListedPerDecision).Select(v => $"veto {v.MatchId} {v.Selection} ({v.Rule}): {v.Reason}"),
            ]
        );
        await SaveAsync();
        return new RiskDecision(result.Accepted, result.Vetoes, result.Cuts, result.Sizing);
    }

    private static string Money(double x) => x.ToString("F2", CultureInfo.InvariantCulture);
}

[GenerateSerializer]
[Alias("betting.RiskMemory")]
public sealed class RiskMemory
{
    [Id(0)]
    public long Accepted { get; set; }

    [Id(1)]
    public long Vetoed { get; set; }

    [Id(2)]
    public long Cut { get; set; }

    [Id(3)]
    public PortfolioSizing? Last { get; set; }
}
