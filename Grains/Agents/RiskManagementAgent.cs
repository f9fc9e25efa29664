using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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

    protected override IReadOnlyDictionary<string, string> DescribeMemory() =>
        new Dictionary<string, string>
        {
            ["accepted"] = Memory.Accepted.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["vetoed"] = Memory.Vetoed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

    public async Task<RiskDecision> SizeAsync(IReadOnlyList<PaperBet> proposed)
    {
        EnsureRunning();
        var limits = risk.Value.Limits;
        var ledger = grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper);
        var report = await UseToolAsync(ToolNames.LedgerRead, () => ledger.GetReportAsync());
        var open = (await UseToolAsync(ToolNames.LedgerRead, () => ledger.GetBetsAsync())).Where(b => b.Status == BetStatus.Open).ToList();
        var bankroll = report.Bankroll;
        var (accepted, vetoes) = Apply(proposed, open, bankroll, report.InitialBankroll, limits);
        Memory.Accepted += accepted.Count;
        Memory.Vetoed += vetoes.Count;
        await SaveAsync();
        return new RiskDecision(accepted, vetoes);
    }

    /// <summary>The limits as a pure function (unit-tested): accepted bets with their final stakes, and vetoes.</summary>
    public static (List<PaperBet> Accepted, List<RiskVeto> Vetoes) Apply(
        IReadOnlyList<PaperBet> proposed,
        IReadOnlyList<PaperBet> open,
        double bankroll,
        double initialBankroll,
        RiskLimits limits
    )
    {
        var accepted = new List<PaperBet>();
        var vetoes = new List<RiskVeto>();
        if (bankroll < initialBankroll * limits.BankrollFloor)
        {
            vetoes.AddRange(
                proposed.Select(p => new RiskVeto(
                    p.MatchId,
                    p.Outcome,
                    "bankroll-floor",
                    $"bankroll {bankroll:F2} below the floor {initialBankroll * limits.BankrollFloor:F2}"
                ))
            );
            return (accepted, vetoes);
        }

        var byMatch = open.GroupBy(b => b.MatchId).ToDictionary(g => g.Key, g => g.Sum(b => b.Stake));
        var byDay = open.GroupBy(b => b.KickoffUtc.Date).ToDictionary(g => g.Key, g => g.Sum(b => b.Stake));
        var byLeague = open.GroupBy(b => b.League).ToDictionary(g => g.Key, g => g.Sum(b => b.Stake));
        foreach (var bet in proposed)
        {
            var room = new[]
            {
                ("match", limits.MaxPerMatch * bankroll - byMatch.GetValueOrDefault(bet.MatchId)),
                ("day", limits.MaxPerDay * bankroll - byDay.GetValueOrDefault(bet.KickoffUtc.Date)),
                ("league", limits.MaxPerLeague * bankroll - byLeague.GetValueOrDefault(bet.League)),
            };
            var (rule, left) = room.MinBy(r => r.Item2);
            var stake = Math.Round(Math.Min(bet.Stake, left), 2);
            if (stake < limits.MinStake)
            {
                vetoes.Add(
                    new RiskVeto(
                        bet.MatchId,
                        bet.Outcome,
                        $"max-per-{rule}",
                        $"wanted {bet.Stake:F2}, {Math.Max(0, left):F2} left under the {rule} limit, below the minimum stake {limits.MinStake:F2}"
                    )
                );
                continue;
            }

            accepted.Add(bet with { Stake = stake });
            byMatch[bet.MatchId] = byMatch.GetValueOrDefault(bet.MatchId) + stake;
            byDay[bet.KickoffUtc.Date] = byDay.GetValueOrDefault(bet.KickoffUtc.Date) + stake;
            byLeague[bet.League] = byLeague.GetValueOrDefault(bet.League) + stake;
        }

        return (accepted, vetoes);
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
