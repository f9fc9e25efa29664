using Microsoft.Extensions.Options;
using Orleans.Betting.Market;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;
using Orleans.Runtime;
using Orleans.Betting.Ledger;
using Orleans.Betting.Clock;

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
public sealed class OrchestratorAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<OrchestratorMemory>> record,
    IGrainFactory grains,
    AgentContext context,
    IOptions<OrchestratorOptions> orchestratorOptions,
    IOptions<MarketOptions> marketOptions,
    IOptions<ClockOptions> clockOptions,
    ILogger<OrchestratorAgent> logger) : AgentGrain<OrchestratorMemory>(record, context, logger), IOrchestratorAgent
{
    public const string Generate = "generate";
    public const string Evolve = "evolve";

    protected override AgentRole Role => AgentRole.Orchestrator;

    protected override IReadOnlyList<string> Tools { get; } =
    [
        ToolNames.ClockRead, ToolNames.ClockConfigure, ToolNames.DataPrepare, ToolNames.DataFacts, ToolNames.SwarmStart, ToolNames.SwarmStatus, ToolNames.StrategyReturns, ToolNames.StrategyDeploy,
        ToolNames.ApprovalsEnqueue, ToolNames.ApprovalsRead, ToolNames.RegistryRead, ToolNames.ConsensusVote, ToolNames.RiskSize, ToolNames.LedgerPlace, ToolNames.LedgerReport, ToolNames.PerformanceSettle,
        ToolNames.RegistryList, ToolNames.PerformanceRecords, ToolNames.StrategyRetire,
    ];

    private OrchestratorOptions Settings => orchestratorOptions.Value;

    private TimeSpan Window => Settings.Window;

    private IDataEngineeringAgent Data => grains.GetGrain<IDataEngineeringAgent>(AgentNames.DataEngineering);

    private IStrategyAnalystAgent Analyst => grains.GetGrain<IStrategyAnalystAgent>(AgentNames.StrategyAnalyst);

    protected override IReadOnlyDictionary<string, string> DescribeMemory() => new Dictionary<string, string>
    {
        ["cycle"] = Memory.Cycle.ToString(CultureInfo.InvariantCulture),
        ["nextWindowUtc"] = Memory.NextWindowUtc?.ToString("u", CultureInfo.InvariantCulture) ?? "-",
        ["deployed"] = Memory.DeployedTotal.ToString(CultureInfo.InvariantCulture),
        ["betsPlaced"] = Memory.BetsPlaced.ToString(CultureInfo.InvariantCulture),
        ["vetoes"] = Memory.Vetoes.ToString(CultureInfo.InvariantCulture),
        ["arms"] = string.Join(", ", Memory.Arms.Select(a => $"{a.Key} {a.Value.Successes:0.#}/{a.Value.Pulls}")),
        ["finished"] = Memory.Finished ? "yes" : "no",
        ["last"] = Memory.LastReport ?? "-",
    };

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
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
            await SettleAsync(Memory.MarketEndUtc);
            Memory.Finished = true;
            Memory.LastReport = $"replay finished after {Memory.Cycle} cycles: {Memory.LastReport}";
            await SaveAsync();
            return;
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
        var done = await RunStepAsync(p + "ingest", () => IngestAsync(work))
            && await RunStepAsync(p + "settle", async () =>
            {
                await SettleAsync(windowStart);
                return true;
            })
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

        Memory.History.Add(new CycleSummary(cycle, windowStart, work.Arm, work.Candidates, work.Deployed.Count, work.Picks.Count, work.Bets.Count, work.VetoCount));
        Memory.LastReport = $"cycle {cycle} ({windowStart:yyyy-MM-dd}): {work.Candidates} candidates, {work.Deployed.Count} deployed, " +
                            $"{work.Picks.Count} picks, {work.Bets.Count} bets, {work.VetoCount} vetoed";
        Memory.Cycle = cycle;
        Memory.NextWindowUtc = windowStart + Window;
        Memory.Current = null;
        await SaveAsync();
        await BroadcastAsync(AgentBus.CycleTopic, "cycle-completed", Memory.LastReport);
    }

    private async Task<bool> PrepareAsync()
    {
        var settings = marketOptions.Value.ToSettings();
        var layout = await UseToolAsync(ToolNames.DataPrepare, () => Data.PrepareMarketAsync(settings));
        if (layout.Seasons.Count < 4)
        {
            throw new InvalidOperationException($"the market ({layout.Description}) has {layout.Seasons.Count} seasons with matches: the agents need at least 4 (3 to learn from, 1 to trade)");
        }

        var learn = Math.Clamp(Settings.LearningSeasons ?? layout.Seasons.Count - 2, 3, layout.Seasons.Count - 1);
        var start = layout.Seasons[learn].FirstKickoffUtc.Date;
        var end = layout.Seasons[^1].LastKickoffUtc.Date.AddDays(1);
        var speed = clockOptions.Value.Speed;
        await UseToolAsync(ToolNames.ClockConfigure, () => grains.GetGrain<IMarketClockGrain>(IMarketClockGrain.Key).ConfigureAsync(start, end.AddDays(1), speed, layout.Description));
        Memory.Layout = layout;
        Memory.NextWindowUtc = start;
        Memory.MarketEndUtc = end;
        Decide(0, "market", layout.Description, ["synthetic", "import"], new Dictionary<string, string>
        {
            ["seasons"] = string.Join(",", layout.Seasons.Select(s => s.Season)),
            ["tradingFrom"] = start.ToString("u", CultureInfo.InvariantCulture),
            ["speed"] = speed.ToString(CultureInfo.InvariantCulture),
        }, [$"learn from {learn} season(s), trade from {layout.Seasons[learn].Season} on paper", .. layout.QualityIssues.Select(i => $"quality: {i}")]);
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
        var records = await UseToolAsync(ToolNames.PerformanceRecords, () => grains.GetGrain<IPerformanceAnalystAgent>(AgentNames.PerformanceAnalyst).TrackRecordsAsync());
        var deployed = (await UseToolAsync(ToolNames.RegistryRead, () => grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).ListAsync())).Select(d => d.Id).ToHashSet();
        foreach (var r in records.Where(r => r.RetirementProposed && deployed.Contains(r.StrategyId)))
        {
            var reason = $"live record decayed: {r.Bets} bets, ROI {r.Roi:P1}, mean CLV {r.MeanClv?.ToString("P1", CultureInfo.InvariantCulture) ?? "-"}";
            await UseToolAsync(ToolNames.StrategyRetire, async () =>
            {
                await grains.GetGrain<IStrategyGrain>(r.StrategyId).TransitionAsync(StrategyLifecycle.Retired, $"orchestrator cycle {work.Cycle}: {reason}");
                await grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).RemoveAsync(r.StrategyId);
            });
            Decide(work.Cycle, "retire", r.StrategyId, ["keep", "retire"], new Dictionary<string, string>
            {
                ["bets"] = r.Bets.ToString(CultureInfo.InvariantCulture),
                ["roi"] = r.Roi.ToString("P2", CultureInfo.InvariantCulture),
            }, [reason, "conflict rule: live evidence (PerformanceAnalyst) outranks the validation it was deployed on"]);
        }

        return true;
    }

    private async Task<bool> QualityAsync(CycleWork work)
    {
        var layout = Memory.Layout!;
        work.Completed = layout.Seasons.Where(s => s.LastKickoffUtc < work.WindowStartUtc).Select(s => s.Season).ToList();
        work.Current = layout.Seasons.Where(s => s.FirstKickoffUtc <= work.WindowStartUtc + Window && s.LastKickoffUtc >= work.WindowStartUtc).Select(s => s.Season).ToList();
        work.Facts = (await UseToolAsync(ToolNames.DataFacts, () => Data.SeasonFactsAsync(layout.Leagues, work.Completed))).ToList();
        return true;
    }

    /// <summary>Decisions 1–3: generate or evolve, how many candidates, which data period.</summary>
    private async Task<bool> DecideSearchAsync(CycleWork work, ClockStatus clock)
    {
        var cycle = work.Cycle;
        var deployed = await UseToolAsync(ToolNames.RegistryRead, () => grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).ListAsync());
        work.DeployedBefore = deployed.Select(d => d.Id).ToList();

        // (3) data period.
        var (window, regimeInputs, regimeReasons) = RegimeCheck.Decide(work.Facts.Select(f => new SeasonFacts(f.Season, f.Matches, f.HomeWins, f.MeanBooksum, f.BooksumVariance)).ToList());
        work.Training = window.ToList();
        var periodChoice = window.Count == work.Facts.Count ? "all" : "recent";
        Decide(cycle, "data-period", $"{periodChoice}: {string.Join(",", window)}", ["all", "recent"], regimeInputs, regimeReasons);

        // (1) generate new vs evolve existing: a seeded bandit over the yields of past cycles.
        var parents = deployed.Select(d => d.Spec).Concat(Memory.Validated).Distinct().Take(8).ToList();
        foreach (var arm in new[] { Generate, Evolve })
        {
            Memory.Arms.TryAdd(arm, new ArmRecord(0, 0));
        }

        string choice;
        var armInputs = Memory.Arms.ToDictionary(a => a.Key, a => $"{a.Value.Successes:0.##}/{a.Value.Pulls} (mean {a.Value.Mean:F2})");
        armInputs["parents"] = parents.Count.ToString(CultureInfo.InvariantCulture);
        List<string> armReasons;
        if (parents.Count == 0)
        {
            choice = Generate;
            armReasons = ["nothing validated or deployed yet to evolve from"];
        }
        else
        {
            var seed = marketOptions.Value.Seed;
            var (arm, draws) = ThompsonBandit.Choose(Memory.Arms, new Random(unchecked(seed * 7919 + cycle)));
            choice = arm;
            armReasons = [$"Thompson draws {string.Join(", ", draws.Select(d => $"{d.Key} {d.Value:F3}"))}: {arm} drew highest"];
        }

        work.Arm = choice;
        work.Parents = choice == Evolve ? parents : [];
        Decide(cycle, "generate-or-evolve", choice, [Generate, Evolve], armInputs, armReasons);

        // (2) how many candidates.
        var maxDeployed = Settings.MaxDeployed;
        var secondsAvailable = Window.TotalSeconds / Math.Max(1e-9, clock.Speed) * Settings.SearchShare;
        var inputs = new BudgetInputs(secondsAvailable, Memory.SecondsPerCandidate, maxDeployed - deployed.Count,
            Memory.History.Where(h => h.Candidates > 0).Select(h => (h.Candidates, h.Deployed)).ToList(),
            Settings.MinCandidates, Settings.MaxCandidates);
        var (candidates, budgetReasons) = window.Count < 3 ? (0, (IReadOnlyList<string>)["fewer than 3 seasons in the training window: nothing to search"]) : CandidateBudget.Decide(inputs);
        work.Candidates = candidates;
        Decide(cycle, "candidates", candidates.ToString(CultureInfo.InvariantCulture), ["0", inputs.Minimum.ToString(CultureInfo.InvariantCulture), inputs.Maximum.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string>
            {
                ["secondsAvailable"] = secondsAvailable.ToString("F2", CultureInfo.InvariantCulture),
                ["secondsPerCandidate"] = Memory.SecondsPerCandidate.ToString("F4", CultureInfo.InvariantCulture),
                ["freeCapacity"] = inputs.FreeCapacity.ToString(CultureInfo.InvariantCulture),
            }, budgetReasons);
        return true;
    }

    private async Task<bool> SearchAsync(CycleWork work)
    {
        if (work.Candidates <= 0)
        {
            return true;
        }

        var runId = $"agents-c{work.Cycle}";
        work.RunId = runId;
        var seed = marketOptions.Value.Seed * 1000 + work.Cycle;
        var train = work.Training.Take(work.Training.Count - 2).ToList();
        var test = work.Training.Skip(work.Training.Count - 2).ToList();
        var status = await UseToolAsync(ToolNames.SwarmStart, () => Analyst.StartSwarmAsync(runId, new SwarmRunRequest(Memory.Layout!.Leagues, train, test, work.Candidates, seed,
            MaxDeployed: Settings.MaxDeployed, DeployAndVote: false, Parents: work.Parents)));
        if (status.Phase is not (SwarmPhase.Completed or SwarmPhase.Failed))
        {
            status = await UseToolAsync(ToolNames.SwarmStatus, () => Analyst.SwarmStatusAsync(runId));
        }

        if (status.Phase is not (SwarmPhase.Completed or SwarmPhase.Failed))
        {
            return false; // still running: the next tick looks again
        }

        if (status.Phase == SwarmPhase.Failed)
        {
            Decide(work.Cycle, "search-failed", runId, [], new Dictionary<string, string>(), [status.Error ?? "unknown error"]);
            work.Candidates = 0;
            return true;
        }

        if (status is { StartedUtc: { } started, FinishedUtc: { } finished } && status.Generation is { Trials: > 0 } g)
        {
            var perCandidate = (finished - started).TotalSeconds / g.Trials;
            Memory.SecondsPerCandidate = Memory.SecondsPerCandidate <= 0 ? perCandidate : 0.7 * Memory.SecondsPerCandidate + 0.3 * perCandidate;
        }

        work.Validation = status.Validation.ToList();
        work.InSample = status.Generation?.Selected.ToDictionary(c => c.Id, c => c.Training) ?? [];
        work.Pbo = status.Generation?.Pbo;
        return true;
    }

    /// <summary>Decisions 4 and 5: hold for a human, and deploy.</summary>
    private async Task<bool> ReviewAndDeployAsync(CycleWork work)
    {
        var cycle = work.Cycle;
        var review = Settings.Review;
        var validated = work.Validation.Where(v => v.Approved).ToList();
        Memory.Validated.AddRange(validated.Select(v => v.Spec));
        if (Memory.Validated.Count > 20)
        {
            Memory.Validated.RemoveRange(0, Memory.Validated.Count - 20);
        }

        // (4) human review.
        var pass = new List<ValidationOutcome>();
        var held = new List<string>();
        foreach (var v in validated)
        {
            var flags = ReviewRules.Flags(work.InSample.GetValueOrDefault(v.Id) ?? v.OutOfSample, v.OutOfSample, v.DeflatedSharpe, review, work.Pbo);
            if (flags.Count > 0)
            {
                await UseToolAsync(ToolNames.ApprovalsEnqueue, () => grains.GetGrain<IApprovalQueueGrain>(IApprovalQueueGrain.Key)
                    .EnqueueAsync(new ApprovalItem(v.Id, v.Spec, flags, cycle, UtcNow)));
                held.Add($"{v.Spec}: {string.Join("; ", flags)}");
            }
            else
            {
                pass.Add(v);
            }
        }

        var approvals = await UseToolAsync(ToolNames.ApprovalsRead, () => grains.GetGrain<IApprovalQueueGrain>(IApprovalQueueGrain.Key).ListAsync());
        var approvedByHuman = approvals.Where(a => a.Kind == ApprovalKind.Strategy && a.State == ApprovalState.Approved && !work.DeployedBefore.Contains(a.Subject) && !Memory.DeployedIds.Contains(a.Subject)).ToList();
        Decide(cycle, "human-review", validated.Count == 0 ? "nothing to review" : $"{pass.Count} pass, {held.Count} held for approval",
            ["deploy-directly", "hold-for-approval"], new Dictionary<string, string>
            {
                ["validated"] = validated.Count.ToString(CultureInfo.InvariantCulture),
                ["approvedByHuman"] = approvedByHuman.Count.ToString(CultureInfo.InvariantCulture),
                ["maxRoi"] = review.MaxRoi.ToString(CultureInfo.InvariantCulture),
                ["pbo"] = work.Pbo?.ToString("F3", CultureInfo.InvariantCulture) ?? "-",
                ["minBets"] = review.MinBets.ToString(CultureInfo.InvariantCulture),
            }, validated.Count == 0 ? ["no candidate passed every validator this cycle"] : held.Count == 0 ? ["no flags: not too good, enough bets, no overfitting signs"] : held);

        // (5) deploy or not: validated, not flagged (or approved), not redundant, within capacity.
        var maxDeployed = Settings.MaxDeployed;
        var deployed = work.DeployedBefore.ToList();
        var reasons = new List<string>();
        var league = Memory.Layout!.Leagues[0];
        var test = work.Training.Skip(Math.Max(0, work.Training.Count - 2)).ToList();
        var candidates = pass.Select(v => (v.Id, v.Spec, v.OutOfSample.Roi)).Concat(approvedByHuman.Select(a => (a.Subject, a.Spec, double.NaN)))
            .OrderByDescending(c => double.IsNaN(c.Item3) ? double.MaxValue : c.Item3).ToList();
        foreach (var (id, spec, _) in candidates)
        {
            if (deployed.Count >= maxDeployed)
            {
                reasons.Add($"{spec}: not deployed, capacity {maxDeployed} reached");
                continue;
            }

            var mine = await UseToolAsync(ToolNames.StrategyReturns, () => Analyst.ReturnsAsync(id, league, test));
            string? twin = null;
            foreach (var other in deployed)
            {
                var theirs = await UseToolAsync(ToolNames.StrategyReturns, () => Analyst.ReturnsAsync(other, league, test));
                var correlation = Redundancy.Correlation(mine, theirs);
                if (correlation > 0.7)
                {
                    twin = $"{other} (correlation {correlation:F2})";
                    break;
                }
            }

            if (twin is not null)
            {
                reasons.Add($"{spec}: not deployed, redundant with {twin}");
                continue;
            }

            await UseToolAsync(ToolNames.StrategyDeploy, async () =>
            {
                await grains.GetGrain<IStrategyGrain>(id).TransitionAsync(StrategyLifecycle.Deployed, $"orchestrator cycle {cycle}: validated, not flagged or approved, not redundant");
                await grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).RegisterAsync(id, StrategySpec.Parse(spec).Family, spec, work.RunId ?? "approved");
            });
            deployed.Add(id);
            work.Deployed.Add(id);
            Memory.DeployedIds.Add(id);
            reasons.Add($"{spec}: deployed");
        }

        Memory.DeployedTotal += work.Deployed.Count;
        Decide(cycle, "deploy", work.Deployed.Count == 0 ? "deploy none" : $"deploy {work.Deployed.Count}", ["deploy", "skip"],
            new Dictionary<string, string>
            {
                ["candidates"] = candidates.Count.ToString(CultureInfo.InvariantCulture),
                ["deployedBefore"] = work.DeployedBefore.Count.ToString(CultureInfo.InvariantCulture),
                ["capacity"] = maxDeployed.ToString(CultureInfo.InvariantCulture),
            }, reasons.Count == 0 ? ["no validated, unflagged candidate this cycle"] : reasons);

        // The bandit learns from what the arm yielded (a run that deployed something paid).
        if (work.Candidates > 0 && work.Arm is { } armUsed)
        {
            Memory.Arms[armUsed] = Memory.Arms[armUsed].Add(work.Deployed.Count > 0 ? 1 : validated.Count > 0 ? 0.5 : 0);
        }

        return true;
    }

    private async Task<bool> ConsensusAsync(CycleWork work)
    {
        var deployed = await UseToolAsync(ToolNames.RegistryRead, () => grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).ListAsync());
        if (deployed.Count == 0)
        {
            return true;
        }

        var ledger = await UseToolAsync(ToolNames.LedgerReport, () => grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).GetReportAsync());
        var seasons = work.Completed.Concat(work.Current).Distinct().ToList();

        // One decision point a day: prices become known days before kick-off, so each day's
        // matches are voted on at the start of that day with what is known then.
        var days = Math.Max(1, (int)Math.Round(Window.TotalDays));
        for (var day = 0; day < days; day++)
        {
            var decisionUtc = work.WindowStartUtc.AddDays(day);
            var result = await UseToolAsync(ToolNames.ConsensusVote, () => grains.GetGrain<IConsensusSwarmGrain>($"agents-c{work.Cycle}-d{day}").RunAsync(new ConsensusRequest(
                deployed.Select(d => d.Id).ToList(), Memory.Layout!.Leagues, seasons, decisionUtc, 1,
                ConsensusRule.Weighted, 0.5, Settings.VoteDeadlineMs, ledger.Bankroll)));
            foreach (var pick in result.Picks.Where(p => p.KickoffUtc >= decisionUtc && p.KickoffUtc < decisionUtc.AddDays(1)))
            {
                work.Picks.Add(pick);
                work.DecisionTimes.Add(decisionUtc);
            }
        }

        return true;
    }

    private async Task<bool> RiskAsync(CycleWork work)
    {
        var proposed = work.Picks.Select((p, i) => (Pick: p, At: work.DecisionTimes[i])).Where(x => x.Pick.Stake > 0).Select(x => ToBet(x.Pick, x.At, work.Cycle)).ToList();
        if (proposed.Count == 0)
        {
            return true;
        }

        var decision = await UseToolAsync(ToolNames.RiskSize, () => grains.GetGrain<IRiskManagementAgent>(AgentNames.RiskManagement).SizeAsync(proposed));
        work.Bets = decision.Accepted.ToList();
        work.VetoCount = decision.Vetoes.Count;
        Memory.Vetoes += decision.Vetoes.Count;
        foreach (var veto in decision.Vetoes.Take(20))
        {
            Decide(work.Cycle, "veto", $"{veto.MatchId} {veto.Outcome}: not bet", ["bet (consensus)", "veto (risk)"],
                new Dictionary<string, string> { ["rule"] = veto.Rule }, [veto.Reason, "conflict rule: a risk veto overrides the consensus (capital first)"]);
        }

        return true;
    }

    private async Task<bool> PlaceAsync(CycleWork work)
    {
        if (work.Bets.Count == 0)
        {
            return true;
        }

        var result = await UseToolAsync(ToolNames.LedgerPlace, () => grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).PlaceAsync(work.Bets));
        Memory.BetsPlaced += result.Placed;
        if (result.Rejected.Count > 0)
        {
            Decide(work.Cycle, "ledger-rejected", $"{result.Rejected.Count} rejected", [], new Dictionary<string, string>(), result.Rejected.Take(10).ToList());
        }

        return true;
    }

    private async Task SettleAsync(DateTime clockUtc)
    {
        try
        {
            await UseToolAsync(ToolNames.PerformanceSettle, () => grains.GetGrain<IPerformanceAnalystAgent>(AgentNames.PerformanceAnalyst).SettleAsync(clockUtc));
        }
        catch (AgentUnavailableException)
        {
            // A paused analyst settles later; bets stay open meanwhile.
        }
    }

    private static PaperBet ToBet(Pick pick, DateTime decidedUtc, int cycle)
    {
        var (league, season, match) = MatchId.TryParse(pick.MatchId, out var id) ? (id.League, id.Season, id.Fixture) : ("?", "?", pick.MatchId);
        return new PaperBet($"c{cycle}:{pick.MatchId}:{pick.Outcome}", pick.MatchId, league, season, pick.KickoffUtc, match, pick.Outcome,
            pick.Price, pick.Source, Math.Round(pick.Stake, 2), decidedUtc, cycle, Strategies: pick.Backers);
    }
}

[GenerateSerializer]
public sealed class OrchestratorMemory
{
    [Id(0)] public int Cycle { get; set; }
    [Id(1)] public DateTime? NextWindowUtc { get; set; }
    [Id(2)] public DateTime MarketEndUtc { get; set; }
    [Id(3)] public MarketLayout? Layout { get; set; }
    [Id(4)] public Dictionary<string, ArmRecord> Arms { get; set; } = [];
    [Id(5)] public double SecondsPerCandidate { get; set; } = 0.05;
    [Id(6)] public List<CycleSummary> History { get; set; } = [];
    [Id(7)] public CycleWork? Current { get; set; }
    [Id(8)] public List<string> Validated { get; set; } = [];
    [Id(9)] public HashSet<string> DeployedIds { get; set; } = [];
    [Id(10)] public int DeployedTotal { get; set; }
    [Id(11)] public int BetsPlaced { get; set; }
    [Id(12)] public int Vetoes { get; set; }
    [Id(13)] public bool Finished { get; set; }
    [Id(14)] public string? LastReport { get; set; }
}

[GenerateSerializer]
public sealed record CycleSummary(
    [property: Id(0)] int Cycle,
    [property: Id(1)] DateTime WindowStartUtc,
    [property: Id(2)] string? Arm,
    [property: Id(3)] int Candidates,
    [property: Id(4)] int Deployed,
    [property: Id(5)] int Picks,
    [property: Id(6)] int Bets,
    [property: Id(7)] int Vetoes);

/// <summary>The cycle in progress, persisted between its steps.</summary>
[GenerateSerializer]
public sealed class CycleWork
{
    [Id(0)] public int Cycle { get; set; }
    [Id(1)] public DateTime WindowStartUtc { get; set; }
    [Id(2)] public List<string> QualityIssues { get; set; } = [];
    [Id(3)] public List<string> Completed { get; set; } = [];
    [Id(4)] public List<string> Current { get; set; } = [];
    [Id(5)] public List<SeasonMarketFacts> Facts { get; set; } = [];
    [Id(6)] public List<string> Training { get; set; } = [];
    [Id(7)] public string? Arm { get; set; }
    [Id(8)] public List<string> Parents { get; set; } = [];
    [Id(9)] public int Candidates { get; set; }
    [Id(10)] public string? RunId { get; set; }
    [Id(11)] public List<ValidationOutcome> Validation { get; set; } = [];
    [Id(12)] public Dictionary<string, BacktestFigures> InSample { get; set; } = [];
    [Id(13)] public List<string> DeployedBefore { get; set; } = [];
    [Id(14)] public List<string> Deployed { get; set; } = [];
    [Id(15)] public List<Pick> Picks { get; set; } = [];
    [Id(16)] public List<PaperBet> Bets { get; set; } = [];
    [Id(17)] public int VetoCount { get; set; }
    [Id(18)] public List<DateTime> DecisionTimes { get; set; } = [];
    [Id(19)] public double? Pbo { get; set; }
}
