using System.Globalization;
using Orleans.Betting.Agents.Bus;
using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Ledger;
using Orleans.Betting.Market;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Agents.Orchestration;

/// <summary>
/// The trading half of a cycle: consensus votes, risk sizing and vetoes, paper bets and settlement, and
/// retiring a deployed strategy whose live record decays.
/// </summary>
public sealed class PaperTrading(IAgentHands<OrchestratorMemory> hands, OrchestratorSettings settings) : OrchestratorJob(hands, settings)
{
    internal async Task<bool> ConsensusAsync(CycleWork work)
    {
        var deployed = await UseToolAsync(
            ToolNames.RegistryRead,
            () => grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).ListAsync()
        );
        if (deployed.Count == 0)
        {
            return true;
        }

        var ledger = await UseToolAsync(ToolNames.LedgerReport, () => grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).GetReportAsync());
        var seasons = work.Completed.Concat(work.Current).Distinct().ToList();

        // One decision point a day: prices become known days before kick-off, so each day's
        // matches are voted on at the start of that day with what is known then.
        var days = Math.Max(1, (int)Math.Round(Window.TotalDays));
        // The open stake is read per day: the picks of this window's earlier days are open by then too.
        var openStake = ledger.OpenStake;
        var revisions = new List<Revision>();
        var silent = new SortedSet<string>(StringComparer.Ordinal);
        for (var day = 0; day < days; day++)
        {
            var decisionUtc = work.WindowStartUtc.AddDays(day);
            var result = await UseToolAsync(
                ToolNames.ConsensusVote,
                () =>
                    grains
                        .GetGrain<IConsensusSwarmGrain>($"agents-c{work.Cycle}-d{day}")
                        .RunAsync(
                            new ConsensusRequest(
                                deployed.Select(d => d.Id).ToList(),
                                Memory.Layout!.Leagues,
                                seasons,
                                decisionUtc,
                                1,
                                ConsensusRule.Weighted,
                                0.5,
                                Settings.VoteDeadlineMs,
                                ledger.Bankroll,
                                openStake,
                                Deliberate: Settings.Deliberate,
                                Deference: Settings.Deference
                            )
                        )
            );
            revisions.AddRange(result.Revisions ?? []);
            silent.UnionWith(result.SilentInSecondRound ?? []);
            foreach (var pick in result.Picks.Where(p => p.KickoffUtc >= decisionUtc && p.KickoffUtc < decisionUtc.AddDays(1)))
            {
                work.Picks.Add(pick);
                work.DecisionTimes.Add(decisionUtc);
                openStake += pick.Stake;
            }
        }

        if (Settings.Deliberate)
        {
            LogDeliberation(Hands, work.Cycle, revisions, silent, work.Picks.Count);
        }

        return true;
    }

    /// <summary>One decision per consensus that deliberated: what the second round changed, with the first reasons.</summary>
    internal static void LogDeliberation(
        IAgentHands<OrchestratorMemory> hands,
        int cycle,
        IReadOnlyList<Revision> revisions,
        IReadOnlyCollection<string> silent,
        int picks
    )
    {
        var revised = revisions.Count(r => r.Action == RevisionAction.Revised);
        var withdrawn = revisions.Count(r => r.Action == RevisionAction.Withdrawn);
        hands.Decide(
            cycle,
            DecisionKind.Deliberation,
            $"second round: {revised} vote(s) revised, {withdrawn} withdrawn; {picks} pick(s) on the final round",
            ["first round stands", "revise toward the sharp price", "withdraw"],
            new Dictionary<string, string>
            {
                ["revised"] = revised.ToString(CultureInfo.InvariantCulture),
                ["withdrawn"] = withdrawn.ToString(CultureInfo.InvariantCulture),
                ["silent"] = silent.Count.ToString(CultureInfo.InvariantCulture),
            },
            [
                .. revisions
                    .OrderBy(r => r.Action == RevisionAction.Withdrawn ? 0 : 1)
                    .Take(5)
                    .Select(r => $"{r.StrategyId} on {r.MatchId}: {r.Reason}"),
                .. silent.Count > 0
                    ? [$"{silent.Count} voter(s) did not answer the second round in time; their first-round votes stand"]
                    : Array.Empty<string>(),
            ]
        );
    }

    internal async Task<bool> RiskAsync(CycleWork work)
    {
        var proposed = work
            .Picks.Select((p, i) => (Pick: p, At: work.DecisionTimes[i]))
            .Where(x => x.Pick.Stake > 0)
            .Select(x => ToBet(x.Pick, x.At, work.Cycle, $"c{work.Cycle}"))
            .ToList();
        if (proposed.Count == 0)
        {
            return true;
        }

        // Asked on the bus: RiskManagement sizes the cycle's bets as one portfolio and answers with its decision.
        var asked = await AskAsync<SizeAnswer>(
            work,
            "risk",
            ToolNames.RiskSize,
            AgentNames.RiskManagement,
            () => new SizeRequest(proposed)
        );
        if (asked.IsWaiting)
        {
            return false;
        }

        if (asked.Answer is not { } answer)
        {
            // Capital first: no stake goes out that RiskManagement did not size.
            work.Bets = [];
            work.VetoCount = proposed.Count;
            Memory.Vetoes += proposed.Count;
            Hands.Decide(
                work.Cycle,
                DecisionKind.Timeout,
                $"{proposed.Count} pick(s) not bet: no sizing",
                ["wait longer", "bet unsized", "no bets this cycle"],
                new Dictionary<string, string> { ["asked"] = AgentNames.RiskManagement },
                [asked.GaveUp!, "capital first: no stake goes out that RiskManagement did not size"]
            );
            return true;
        }

        var decision = answer.Decision;
        work.Bets = decision.Accepted.ToList();
        work.VetoCount = decision.Vetoes.Count;
        Memory.Vetoes += decision.Vetoes.Count;
        foreach (var veto in decision.Vetoes.Take(20))
        {
            Hands.Decide(
                work.Cycle,
                DecisionKind.Veto,
                $"{veto.MatchId} {veto.Selection}: not bet",
                ["bet (consensus)", "veto (risk)"],
                new Dictionary<string, string> { ["rule"] = veto.Rule },
                [veto.Reason, "conflict rule: a risk veto overrides the consensus (capital first)"]
            );
        }

        return true;
    }

    internal async Task<bool> PlaceAsync(CycleWork work)
    {
        var board = work
            .Picks.Select((p, i) => (Pick: p, At: work.DecisionTimes[i]))
            .Where(x => x.Pick.Stake > 0)
            .Select(x =>
            {
                var bet = ToBet(x.Pick, x.At, work.Cycle, $"c{work.Cycle}");
                return work.Bets.FirstOrDefault(b => b.Id == bet.Id) is { } sized
                    ? new BoardPick(x.Pick, bet.League, x.At, BoardPick.Placed, null, sized.Id, sized.Price, sized.Bookmaker, sized.Stake)
                    : new BoardPick(x.Pick, bet.League, x.At, BoardPick.Refused, "vetoed by RiskManagement (capital first)");
            })
            .ToList();
        if (board.Count > 0)
        {
            await UseToolAsync(ToolNames.PicksRecord, () => grains.GetGrain<IPicksBoardGrain>(IPicksBoardGrain.Agents).RecordAsync(board));
        }

        if (work.Bets.Count == 0)
        {
            return true;
        }

        var result = await UseToolAsync(
            ToolNames.LedgerPlace,
            () => grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).PlaceAsync(work.Bets)
        );
        Memory.BetsPlaced += result.Placed;
        work.Placed = result.Placed;
        if (result.Placed > 0 && TradeNotices.Placed(work.Bets, AgentNames.Orchestrator) is { } notice)
        {
            await Hands.AlertAsync(notice);
        }

        if (result.Rejected.Count > 0)
        {
            Hands.Decide(
                work.Cycle,
                DecisionKind.LedgerRejected,
                $"{result.Rejected.Count} rejected",
                [],
                new Dictionary<string, string>(),
                result.Rejected.Take(10).ToList()
            );
        }

        return true;
    }

    /// <summary>
    /// A cycle's settlement, asked of the PerformanceAnalyst on the bus. Without an answer by the deadline the cycle
    /// carries on, saying so: the bets stay open and the next cycle's settlement takes them.
    /// </summary>
    internal async Task<bool> SettleOnBusAsync(CycleWork work, DateTime clockUtc)
    {
        var asked = await AskAsync<SettleAnswer>(
            work,
            "settle",
            ToolNames.PerformanceSettle,
            AgentNames.PerformanceAnalyst,
            () => new SettleRequest(clockUtc)
        );
        if (asked.IsWaiting)
        {
            return false;
        }

        if (asked.GaveUp is { } why)
        {
            Hands.Decide(
                work.Cycle,
                DecisionKind.Timeout,
                "settlement deferred",
                ["wait longer", "carry on"],
                new Dictionary<string, string> { ["asked"] = AgentNames.PerformanceAnalyst },
                [why, "the bets stay open; the next cycle's settlement takes them, and stakes are sized on the bankroll as it stands"]
            );
        }

        return true;
    }

    internal async Task SettleAsync(DateTime clockUtc)
    {
        try
        {
            await UseToolAsync(
                ToolNames.PerformanceSettle,
                () => grains.GetGrain<IPerformanceAnalystAgent>(AgentNames.PerformanceAnalyst).SettleAsync(clockUtc)
            );
        }
        catch (AgentUnavailableException)
        {
            // A paused analyst settles later; bets stay open meanwhile.
        }
    }

    /// <summary>A pick as a paper bet, its id <c>{idPrefix}:{match}:{outcome}</c> (the ledger places an id once).</summary>
    internal static PaperBet ToBet(Pick pick, DateTime decidedUtc, int cycle, string idPrefix)
    {
        var (league, season, match) = MatchId.TryParse(pick.MatchId, out var id)
            ? (id.League, id.Season, id.Fixture)
            : ("?", "?", pick.MatchId);
        return new PaperBet(
            $"{idPrefix}:{pick.MatchId}:{pick.Selection}",
            pick.MatchId,
            league,
            season,
            pick.KickoffUtc,
            match,
            pick.Selection,
            pick.Price,
            pick.Source,
            Math.Round(pick.Stake, 2),
            decidedUtc,
            cycle,
            Strategies: pick.Backers,
            Probability: pick.Probability,
            Tier: pick.Tier
        );
    }

    /// <summary>Acts on the PerformanceAnalyst's proposals: a deployed strategy whose live record decays is retired (live evidence outranks the backtest it was validated on).</summary>
    internal async Task<bool> RetireAsync(CycleWork work)
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
        // The StrategyAnalyst's re-validations on fresh data that failed: retired like a decayed live record.
        var failures = await UseToolAsync(ToolNames.StrategyRevalidations, () => Analyst.RevalidationFailuresAsync());
        var byId = records.ToDictionary(r => r.StrategyId, StringComparer.Ordinal);
        var decayed = records.Where(r => r.RetirementProposed && deployed.Contains(r.StrategyId)).ToList();
        var retiring = decayed
            .Select(r =>
                (
                    r.StrategyId,
                    Reason: $"live record decayed: {r.Bets} bets, ROI {r.Roi:P1}, mean CLV {r.MeanClv?.ToString("P1", CultureInfo.InvariantCulture) ?? "-"}",
                    Rule: "conflict rule: live evidence (PerformanceAnalyst) outranks the validation it was deployed on"
                )
            )
            .Concat(
                failures
                    .Where(f => deployed.Contains(f.Key) && decayed.All(r => r.StrategyId != f.Key))
                    .Select(f =>
                        (
                            StrategyId: f.Key,
                            Reason: $"re-validation on fresh data failed: {f.Value}",
                            Rule: "conflict rule: fresh evidence (StrategyAnalyst) outranks the validation it was deployed on"
                        )
                    )
            )
            .ToList();
        foreach (var r in retiring)
        {
            var reason = r.Reason;
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
            Hands.Decide(
                work.Cycle,
                DecisionKind.Retire,
                r.StrategyId,
                ["keep", "retire"],
                new Dictionary<string, string>
                {
                    ["bets"] = (byId.GetValueOrDefault(r.StrategyId)?.Bets ?? 0).ToString(CultureInfo.InvariantCulture),
                    ["roi"] = (byId.GetValueOrDefault(r.StrategyId)?.Roi ?? 0).ToString("P2", CultureInfo.InvariantCulture),
                },
                [reason, r.Rule]
            );
        }

        return true;
    }
}
