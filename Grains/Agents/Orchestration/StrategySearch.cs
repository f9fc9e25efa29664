using System.Globalization;
using Orleans.Betting.Agents.Bus;
using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Clock;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;
using Orleans.Betting.Swarms.Rules;

namespace Orleans.Betting.Agents.Orchestration;

/// <summary>
/// The search half of a cycle: what data the search may read, generate or evolve and how many candidates,
/// the search through a swarm, human review and deployment.
/// </summary>
public sealed class StrategySearch(IAgentHands<OrchestratorMemory> hands, OrchestratorSettings settings) : OrchestratorJob(hands, settings)
{
    public const string Generate = "generate";
    public const string Evolve = "evolve";

    /// <summary>A training window's split: its last two seasons are the test period, the rest trains.</summary>
    private static (List<string> Train, List<string> Test) Split(IReadOnlyList<string> window) =>
        (window.Take(Math.Max(0, window.Count - 2)).ToList(), window.Skip(Math.Max(0, window.Count - 2)).ToList());

    /// <summary>The key of a window's test period: every season a test reads (the swarm's confirmation seasons and the test seasons).</summary>
    internal static string TestKey(IReadOnlyList<string> window)
    {
        var (train, test) = Split(window);
        return string.Join(",", SeasonSplit.Confirm(train).Concat(test));
    }

    /// <summary>Decisions 1–3: generate or evolve, how many candidates, which data period.</summary>
    internal async Task<bool> DecideSearchAsync(CycleWork work, ClockStatus clock)
    {
        var cycle = work.Cycle;
        var deployed = await UseToolAsync(
            ToolNames.RegistryRead,
            () => grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).ListAsync()
        );
        work.DeployedBefore = deployed.Select(d => d.Id).ToList();

        // (3) data period: the regime check reads training seasons only. The last two completed seasons
        // are the test period whatever it decides, so they never choose the window they are tested in.
        var facts = work.Facts.Select(f => new SeasonFacts(f.Season, f.Matches, f.HomeWins, f.MeanBooksum, f.BooksumVariance)).ToList();
        var testSeasons = facts.TakeLast(Math.Min(2, facts.Count)).Select(f => f.Season).ToList();
        var (trainWindow, regimeInputs, regimeReasons) = RegimeCheck.Decide(facts.Take(facts.Count - testSeasons.Count).ToList());
        var window = trainWindow.Concat(testSeasons).ToList();
        work.Training = window;
        var periodChoice = window.Count == work.Facts.Count ? "all" : "recent";
        regimeInputs = new Dictionary<string, string>(regimeInputs) { ["testSeasons"] = string.Join(",", testSeasons) };
        Hands.Decide(
            cycle,
            DecisionKind.DataPeriod,
            $"{periodChoice}: {string.Join(",", window)}",
            ["all", "recent"],
            regimeInputs,
            regimeReasons
        );

        // (1) generate new vs evolve existing: a seeded bandit over the yields of past cycles. Parents are
        // the best of earlier searches by training fitness: breeding from what passed a holdout would
        // carry the holdout's information into the next search.
        var parents = Memory.TrainingElites.Distinct().Take(8).ToList();
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
        Hands.Decide(cycle, DecisionKind.GenerateOrEvolve, choice, [Generate, Evolve], armInputs, armReasons);

        // (2) how many candidates.
        var maxDeployed = Settings.MaxDeployed;
        // Replay time is virtual (the clock holds at the next window until this cycle is done): no wall budget.
        double? secondsAvailable =
            clock.Mode == ClockStatus.ReplayMode ? null : Window.TotalSeconds / Math.Max(1e-9, clock.Speed) * Settings.SearchShare;
        var inputs = new BudgetInputs(
            secondsAvailable,
            Memory.SecondsPerCandidate,
            maxDeployed - deployed.Count,
            Memory.History.Where(h => h.Candidates > 0).Select(h => (h.Candidates, h.Deployed)).ToList(),
            Settings.MinCandidates,
            Settings.MaxCandidates
        );
        var testKey = TestKey(window);
        var blocked = QualityGate.Blocks(work.Facts, window, testSeasons);
        var (candidates, budgetReasons) =
            window.Count < 3 ? (0, (IReadOnlyList<string>)["fewer than 3 seasons in the training window: nothing to search"])
            : blocked is not null
                ? (
                    0,
                    (IReadOnlyList<string>)
                        [
                            $"DataEngineering's quality gate blocks the search: {blocked}",
                            "the test period stays unopened: its α is not spent on data that cannot witness",
                        ]
                )
            : Memory.OpenedTestPeriods.TryGetValue(testKey, out var openedIn)
                ? (
                    0,
                    (IReadOnlyList<string>)
                        [$"the test period {testKey} was opened in cycle {openedIn}: its holdout is not read again until new data arrives"]
                )
            : CandidateBudget.Decide(inputs);
        work.Candidates = candidates;
        if (candidates > 0)
        {
            // The period is opened now, before its validation reads anything, and persisted with this
            // step: a failed or retried run cannot read the same seasons again under a fresh α.
            Memory.OpenedTestPeriods[testKey] = cycle;
            work.TestKey = testKey;
            work.Alpha = AlphaSpending.ForPeriod(Memory.OpenedTestPeriods.Count);
            budgetReasons =
            [
                .. budgetReasons,
                $"test period {testKey} opened (number {Memory.OpenedTestPeriods.Count} of the orchestrator's life): α {work.Alpha:G3}, "
                    + $"{AlphaSpending.SpentAfter(Memory.OpenedTestPeriods.Count):G3} of the lifetime {AlphaSpending.Lifetime} spent",
            ];
        }

        if (candidates > 0)
        {
            await FocusAsync(work);
        }

        Hands.Decide(
            cycle,
            DecisionKind.Candidates,
            candidates.ToString(CultureInfo.InvariantCulture),
            ["0", inputs.Minimum.ToString(CultureInfo.InvariantCulture), inputs.Maximum.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string>
            {
                ["secondsAvailable"] = secondsAvailable?.ToString("F2", CultureInfo.InvariantCulture) ?? "virtual (replay)",
                ["secondsPerCandidate"] = Memory.SecondsPerCandidate.ToString("F4", CultureInfo.InvariantCulture),
                ["freeCapacity"] = inputs.FreeCapacity.ToString(CultureInfo.InvariantCulture),
            },
            budgetReasons
        );
        return true;
    }

    /// <summary>
    /// Learning across cycles: which families pay, from the trial ledger (training outcomes of every search) and the
    /// deployed strategies' live record; the next search's ideation follows it (<see cref="FamilyFocus"/>).
    /// </summary>
    private async Task FocusAsync(CycleWork work)
    {
        if (Memory.Families.Values.Sum(f => f.Trials) == 0)
        {
            work.FamilyWeights = null;
            Memory.Focus = ["no trials yet: ideas shared evenly among families"];
            Hands.Decide(work.Cycle, DecisionKind.SearchFocus, "even", ["even", "learned"], new Dictionary<string, string>(), Memory.Focus);
            return;
        }

        var records = await UseToolAsync(
            ToolNames.PerformanceRecords,
            () => grains.GetGrain<IPerformanceAnalystAgent>(AgentNames.PerformanceAnalyst).TrackRecordsAsync()
        );
        var live = records
            .GroupBy(r => FamilyFocus.FamilyOf(r.StrategyId))
            .ToDictionary(
                g => g.Key,
                g =>
                    (
                        Bets: g.Sum(r => r.Bets),
                        Clv: g.Where(r => r.MeanClv is not null).Sum(r => r.Bets) is var n and > 0
                            ? g.Where(r => r.MeanClv is not null).Sum(r => r.MeanClv!.Value * r.Bets) / n
                            : (double?)null
                    ),
                StringComparer.Ordinal
            );
        var families = StrategyFactory.Searchable;
        var evidence = families.ToDictionary(
            f => f,
            f => new FamilyEvidence(
                f,
                Memory.Families.GetValueOrDefault(f)?.Trials ?? 0,
                Memory.Families.GetValueOrDefault(f)?.Paying ?? 0,
                live.GetValueOrDefault(f).Bets,
                live.GetValueOrDefault(f).Clv
            ),
            StringComparer.Ordinal
        );
        var (weights, reasons) = FamilyFocus.Decide(
            families,
            evidence,
            new Random(unchecked(marketOptions.Value.Seed * 104729 + work.Cycle))
        );
        work.FamilyWeights = weights.ToDictionary(StringComparer.Ordinal);
        Memory.Focus = [.. reasons];
        var top = weights.MaxBy(w => w.Value);
        Hands.Decide(
            work.Cycle,
            DecisionKind.SearchFocus,
            $"learned: {top.Key} {top.Value:P0}",
            ["even", "learned"],
            new Dictionary<string, string>
            {
                ["trials"] = Memory.Families.Values.Sum(f => f.Trials).ToString(CultureInfo.InvariantCulture),
                ["paying"] = Memory.Families.Values.Sum(f => f.Paying).ToString(CultureInfo.InvariantCulture),
                ["liveBets"] = live.Values.Sum(l => l.Bets).ToString(CultureInfo.InvariantCulture),
            },
            reasons
        );
    }

    internal async Task<bool> SearchAsync(CycleWork work)
    {
        if (work.Candidates <= 0)
        {
            return true;
        }

        var runId = $"agents-c{work.Cycle}";
        work.RunId = runId;
        var seed = marketOptions.Value.Seed * 1000 + work.Cycle;
        var (train, test) = Split(work.Training);
        // A cycle decided before keys named every season read has none stored: derive it the same way.
        var key = work.TestKey ?? TestKey(work.Training);
        if (!work.SearchStarted)
        {
            // Asked on the bus: the StrategyAnalyst starts the run (once per run id, however often asked) and answers
            // at once; the run's end comes as its news, and its status is a read.
            var request = new SwarmRunRequest(
                Memory.Layout!.Leagues,
                train,
                test,
                work.Candidates,
                seed,
                MaxDeployed: Settings.MaxDeployed,
                DeployAndVote: false,
                Parents: work.Parents,
                // Trading decides before kick-off on what is known then: only what can be traded is searched.
                DecisionPhase: Market.Phase.Opening,
                PriorTrials: Memory.TrialsBySplit.GetValueOrDefault(key),
                Alpha: work.Alpha > 0 ? work.Alpha : AlphaSpending.ForPeriod(Math.Max(1, Memory.OpenedTestPeriods.Count)),
                FamilyWeights: work.FamilyWeights
            );
            var asked = await AskAsync<SearchAnswer>(
                work,
                "search",
                ToolNames.SwarmStart,
                AgentNames.StrategyAnalyst,
                () => new SearchRequest(runId, request)
            );
            if (asked.IsWaiting)
            {
                return false;
            }

            if (asked.Answer is null)
            {
                Hands.Decide(
                    work.Cycle,
                    DecisionKind.Timeout,
                    "search: asked again",
                    ["search without the analyst", "ask again"],
                    new Dictionary<string, string> { ["asked"] = AgentNames.StrategyAnalyst, ["run"] = runId },
                    [asked.GaveUp!, "the run is started once per run id however often it is asked: asking again costs nothing"]
                );
                return false;
            }

            work.SearchStarted = true;
            await SaveAsync();
        }

        var status = await UseToolAsync(ToolNames.SwarmStatus, () => Analyst.SwarmStatusAsync(runId));
        if (status.Phase is not (SwarmPhase.Completed or SwarmPhase.Failed))
        {
            return false; // still running: the next tick looks again
        }

        if (status.Phase == SwarmPhase.Failed)
        {
            Hands.Decide(
                work.Cycle,
                DecisionKind.SearchFailed,
                runId,
                [],
                new Dictionary<string, string>(),
                [status.Error ?? "unknown error"]
            );
            work.Candidates = 0;
            return true;
        }

        if (status is { StartedUtc: { } started, FinishedUtc: { } finished } && status.Generation is { Trials: > 0 } g)
        {
            var perCandidate = (finished - started).TotalSeconds / g.Trials;
            Memory.SecondsPerCandidate =
                Memory.SecondsPerCandidate <= 0 ? perCandidate : 0.7 * Memory.SecondsPerCandidate + 0.3 * perCandidate;
        }

        // Every fit trial joins this split's ledger and the lifetime count (once, even if this step is retried).
        if (status.Generation is { Tally: { } tally } generation && Memory.TrialsBySplit.TryAdd(key, tally))
        {
            Memory.Trials = Memory.Trials.Add(tally);
            Memory.TrainingElites = generation.Selected.Select(c => c.Spec.Text).Take(8).ToList();
            foreach (var (family, tried) in generation.TrialsByFamily)
            {
                var before = Memory.Families.GetValueOrDefault(family) ?? new FamilyRecord(0, 0);
                Memory.Families[family] = new FamilyRecord(
                    before.Trials + tried,
                    before.Paying + (generation.PayingByFamily?.GetValueOrDefault(family) ?? 0)
                );
            }
        }

        work.Validation = status.Validation.ToList();
        work.InSample = status.Generation?.Selected.ToDictionary(c => c.Id, c => c.Training) ?? [];
        work.Pbo = status.Generation?.Pbo;
        return true;
    }

    /// <summary>Decisions 4 and 5: hold for a human, and deploy.</summary>
    internal async Task<bool> ReviewAndDeployAsync(CycleWork work)
    {
        var cycle = work.Cycle;
        var review = Settings.Review;
        var validated = work.Validation.Where(v => v.Approved).ToList();
        Memory.Validated.AddRange(validated.Select(v => v.Spec.Text));
        if (Memory.Validated.Count > 20)
        {
            Memory.Validated.RemoveRange(0, Memory.Validated.Count - 20);
        }

        // (4) human review.
        var pass = new List<ValidationOutcome>();
        var held = new List<string>();
        var heldAlerts = new List<Alert>();
        foreach (var v in validated)
        {
            var flags = ReviewRules.Flags(
                work.InSample.GetValueOrDefault(v.Id) ?? v.OutOfSample,
                v.OutOfSample,
                v.DeflatedSharpe,
                review,
                work.Pbo
            );
            if (flags.Count > 0)
            {
                await UseToolAsync(
                    ToolNames.ApprovalsEnqueue,
                    () =>
                        grains
                            .GetGrain<IApprovalQueueGrain>(IApprovalQueueGrain.Key)
                            .EnqueueAsync(new ApprovalItem(v.Id, v.Spec.Text, flags, cycle, UtcNow))
                );
                held.Add($"{v.Spec}: {string.Join("; ", flags)}");
                heldAlerts.Add(TradeNotices.Held(v.Id, v.Spec.Text, flags, AgentNames.Orchestrator));
            }
            else
            {
                pass.Add(v);
            }
        }

        var approvals = await UseToolAsync(
            ToolNames.ApprovalsRead,
            () => grains.GetGrain<IApprovalQueueGrain>(IApprovalQueueGrain.Key).ListAsync()
        );
        var approvedByHuman = approvals
            .Where(a =>
                a.Kind == ApprovalKind.Strategy
                && a.State == ApprovalState.Approved
                && !work.DeployedBefore.Contains(a.Subject)
                && !Memory.DeployedIds.Contains(a.Subject)
            )
            .ToList();
        Hands.Decide(
            cycle,
            DecisionKind.HumanReview,
            validated.Count == 0 ? "nothing to review" : $"{pass.Count} pass, {held.Count} held for approval",
            ["deploy-directly", "hold-for-approval"],
            new Dictionary<string, string>
            {
                ["validated"] = validated.Count.ToString(CultureInfo.InvariantCulture),
                ["approvedByHuman"] = approvedByHuman.Count.ToString(CultureInfo.InvariantCulture),
                ["maxRoi"] = review.MaxRoi.ToString(CultureInfo.InvariantCulture),
                ["pbo"] = work.Pbo?.ToString("F3", CultureInfo.InvariantCulture) ?? "-",
                ["minBets"] = review.MinBets.ToString(CultureInfo.InvariantCulture),
            },
            validated.Count == 0 ? ["no candidate passed every validator this cycle"]
                : held.Count == 0 ? ["no flags: not too good, enough bets, no overfitting signs"]
                : held
        );
        foreach (var alert in heldAlerts)
        {
            await Hands.AlertAsync(alert); // after the decision is logged: whoever the alert brings reads it there
        }

        // (5) deploy or not: validated, not flagged (or approved), not redundant, within capacity.
        var maxDeployed = Settings.MaxDeployed;
        var deployed = work.DeployedBefore.ToList();
        var reasons = new List<string>();
        var league = Memory.Layout!.Leagues[0];
        var test = Split(work.Training).Test;
        var candidates = pass.Select(v => (v.Id, v.Spec, v.OutOfSample.Roi))
            .Concat(approvedByHuman.Select(a => (a.Subject, StrategySpec.Parse(a.Spec), double.NaN)))
            .OrderByDescending(c => double.IsNaN(c.Item3) ? double.MaxValue : c.Item3)
            .ToList();
        var deployedNow = new List<(string Id, string Spec)>();
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
                var (correlation, overlap) = Redundancy.Compare(mine, theirs);
                if (correlation > 0.7)
                {
                    twin = $"{other} (correlation {correlation:F2} bet for bet, {overlap:P0} of their bets in common)";
                    break;
                }
            }

            if (twin is not null)
            {
                reasons.Add($"{spec}: not deployed, redundant with {twin}");
                continue;
            }

            await UseToolAsync(
                ToolNames.StrategyDeploy,
                async () =>
                {
                    await grains
                        .GetGrain<IStrategyGrain>(id)
                        .TransitionAsync(
                            StrategyLifecycle.Deployed,
                            $"orchestrator cycle {cycle}: validated, not flagged or approved, not redundant"
                        );
                    await grains
                        .GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key)
                        .RegisterAsync(id, spec, work.RunId ?? "approved");
                }
            );
            deployed.Add(id);
            work.Deployed.Add(id);
            Memory.DeployedIds.Add(id);
            reasons.Add($"{spec}: deployed");
            deployedNow.Add((id, spec.Text));
        }

        Memory.DeployedTotal += work.Deployed.Count;
        Hands.Decide(
            cycle,
            DecisionKind.Deploy,
            work.Deployed.Count == 0 ? "deploy none" : $"deploy {work.Deployed.Count}",
            ["deploy", "skip"],
            new Dictionary<string, string>
            {
                ["candidates"] = candidates.Count.ToString(CultureInfo.InvariantCulture),
                ["deployedBefore"] = work.DeployedBefore.Count.ToString(CultureInfo.InvariantCulture),
                ["capacity"] = maxDeployed.ToString(CultureInfo.InvariantCulture),
            },
            reasons.Count == 0 ? ["no validated, unflagged candidate this cycle"] : reasons
        );
        foreach (var (id, spec) in deployedNow)
        {
            await Hands.AlertAsync(TradeNotices.Deployed(id, spec, AgentNames.Orchestrator));
        }

        // The bandit learns from what the arm yielded (a run that deployed something paid).
        if (work.Candidates > 0 && work.Arm is { } armUsed)
        {
            Memory.Arms[armUsed] = Memory
                .Arms[armUsed]
                .Add(
                    work.Deployed.Count > 0 ? 1
                    : validated.Count > 0 ? 0.5
                    : 0
                );
        }

        return true;
    }

    internal async Task<bool> QualityAsync(CycleWork work)
    {
        var layout = Memory.Layout!;
        work.Completed = layout.Seasons.Where(s => s.LastKickoffUtc < work.WindowStartUtc).Select(s => s.Season).ToList();
        work.Current = layout
            .Seasons.Where(s => s.FirstKickoffUtc <= work.WindowStartUtc + Window && s.LastKickoffUtc >= work.WindowStartUtc)
            .Select(s => s.Season)
            .ToList();
        // Asked on the bus: DataEngineering answers with the completed seasons' market facts.
        var completed = work.Completed;
        var asked = await AskAsync<FactsAnswer>(
            work,
            "facts",
            ToolNames.DataFacts,
            AgentNames.DataEngineering,
            () => new FactsRequest(layout.Leagues, completed)
        );
        if (asked.IsWaiting)
        {
            return false;
        }

        if (asked.Answer is not { } answer)
        {
            Hands.Decide(
                work.Cycle,
                DecisionKind.Timeout,
                "season facts: asked again",
                ["decide without them", "ask again"],
                new Dictionary<string, string> { ["asked"] = AgentNames.DataEngineering },
                [
                    asked.GaveUp!,
                    "the data-period decision reads them and the market clock is held meanwhile: nothing is lost by asking again",
                ]
            );
            return false;
        }

        work.Facts = answer.Facts.ToList();
        return true;
    }
}
