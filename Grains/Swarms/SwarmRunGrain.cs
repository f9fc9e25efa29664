using Microsoft.Extensions.Logging;
using Orleans.Betting.Market;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms.Rules;

namespace Orleans.Betting.Swarms;

/// <summary>
/// One swarm run: generation → validation → deployment → consensus on the market clock. Each phase's
/// result is persisted as it completes, so a client can disconnect and reattach, and after a silo
/// restart the run's reminder reactivates it and it resumes from the first unfinished phase.
/// </summary>
public sealed class SwarmRunGrain(
    [PersistentState("run", StorageNames.Betting)] IPersistentState<SwarmRunState> state,
    IGrainFactory grains,
    ILogger<SwarmRunGrain> logger,
    TimeProvider time
) : Grain, ISwarmRunGrain, IRemindable
{
    private const string KeepAlive = "swarm-run";
    private Task? work;
    private SwarmProgress progress = new(SwarmPhase.Pending, 0, 0, "");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Request is not null && !IsTerminal(state.State.Phase))
        {
            state.State.Resumes++;
            EnsureRunning();
        }

        return Task.CompletedTask;
    }

    public async Task<SwarmRunStatus> StartAsync(SwarmRunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Leagues.Count == 0 || request.TrainSeasons.Count == 0 || request.TestSeasons.Count == 0)
        {
            throw new ArgumentException("a swarm run needs at least one league, one training season and one test season");
        }

        if (!(request.Alpha is > 0 and <= 0.5))
        {
            throw new ArgumentException($"alpha {request.Alpha}: the gate's level must be in (0, 0.5]");
        }

        if (request.TrainSeasons.Intersect(request.TestSeasons).Any())
        {
            throw new ArgumentException("training and test seasons overlap: the test seasons must stay untouched");
        }

        // Seasons are named by their years ("2019-2020"), so their order is the order of the names.
        var lastTrain = request.TrainSeasons.Max(StringComparer.Ordinal)!;
        var firstTest = request.TestSeasons.Min(StringComparer.Ordinal)!;
        if (string.CompareOrdinal(firstTest, lastTrain) < 0)
        {
            throw new ArgumentException(
                $"test season {firstTest} comes before training season {lastTrain}: test periods must be strictly after training"
            );
        }

        var s = state.State;
        if (s.Request is null)
        {
            s.Request = request;
            s.Phase = SwarmPhase.Generating;
            s.StartedUtc = time.GetUtcNow().UtcDateTime;
            await state.WriteStateAsync();
            // The reminder brings the run back after a silo restart; the work itself runs on this activation.
            await this.RegisterOrUpdateReminder(KeepAlive, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }

        EnsureRunning();
        return Status();
    }

    public Task<SwarmRunStatus> GetStatusAsync() => Task.FromResult(Status());

    public Task ReportProgressAsync(SwarmProgress update)
    {
        progress = update;
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (IsTerminal(state.State.Phase))
        {
            await UnregisterAsync();
            return;
        }

        EnsureRunning();
    }

    private void EnsureRunning()
    {
        if (work is null || work.IsCompleted)
        {
            // A grain timer keeps the work on the activation's scheduler; it fires once.
            this.RegisterGrainTimer(_ => work = RunPhasesAsync(), TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task RunPhasesAsync()
    {
        var s = state.State;
        var request = s.Request!;
        var runId = this.GetPrimaryKeyString();
        try
        {
            if (s.Phase == SwarmPhase.Generating)
            {
                s.Generation = await grains
                    .GetGrain<IGenerationSwarmGrain>(runId)
                    .RunAsync(
                        new GenerationRequest(
                            runId,
                            request.Leagues,
                            SeasonSplit.Search(request.TrainSeasons),
                            request.Candidates,
                            request.Seed,
                            Parents: request.Parents,
                            DecisionPhase: request.DecisionPhase,
                            PriorTrials: request.PriorTrials,
                            Evidence: request.Evidence,
                            FamilyWeights: request.FamilyWeights
                        )
                    );
                s.Phase = SwarmPhase.Validating;
                await state.WriteStateAsync();
            }

            if (s.Phase == SwarmPhase.Validating)
            {
                var g = s.Generation!;
                progress = new SwarmProgress(SwarmPhase.Validating, 0, g.Selected.Count, "validating");
                s.Validation = (
                    await grains
                        .GetGrain<IValidationSwarmGrain>(runId)
                        .RunAsync(
                            new ValidationRequest(
                                runId,
                                g.Selected,
                                request.Leagues,
                                SeasonSplit.Search(request.TrainSeasons),
                                [.. SeasonSplit.Confirm(request.TrainSeasons), .. request.TestSeasons],
                                g.EffectiveTrials,
                                request.Seed,
                                g.SharpeVariance,
                                request.Evidence,
                                request.Alpha
                            )
                        )
                ).ToList();
                s.Phase = SwarmPhase.Deploying;
                await state.WriteStateAsync();
            }

            if (s.Phase == SwarmPhase.Deploying && !request.DeployAndVote)
            {
                // The caller (the orchestrator) makes the deployment decision itself.
                s.Phase = SwarmPhase.Completed;
                s.FinishedUtc = time.GetUtcNow().UtcDateTime;
                await state.WriteStateAsync();
                progress = new SwarmProgress(
                    SwarmPhase.Completed,
                    1,
                    1,
                    $"{s.Validation.Count(v => v.Approved)} validated, deployment left to the caller"
                );
            }

            if (s.Phase == SwarmPhase.Deploying)
            {
                s.Deployed = await DeployAsync(runId, s.Validation, request.MaxDeployed);
                s.Phase = SwarmPhase.Voting;
                await state.WriteStateAsync();
            }

            if (s.Phase == SwarmPhase.Voting)
            {
                progress = new SwarmProgress(SwarmPhase.Voting, 0, s.Deployed.Count, "collecting votes");
                var clock = await ClockAsync(request);
                s.Consensus = await grains
                    .GetGrain<IConsensusSwarmGrain>(runId)
                    .RunAsync(
                        new ConsensusRequest(
                            s.Deployed,
                            request.Leagues,
                            [.. request.TrainSeasons, .. request.TestSeasons],
                            clock,
                            request.HorizonDays,
                            request.Rule,
                            request.Quorum,
                            request.VoteDeadlineMs,
                            request.Bankroll
                        )
                    );
                s.Phase = SwarmPhase.Completed;
                s.FinishedUtc = time.GetUtcNow().UtcDateTime;
                await state.WriteStateAsync();
                progress = new SwarmProgress(SwarmPhase.Completed, 1, 1, $"{s.Deployed.Count} deployed, {s.Consensus.Picks.Count} picks");
                await grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).RecordRunAsync(runId, s.FinishedUtc.Value);
                if (s.StartedUtc is { } began)
                {
                    Monitoring.BettingMetrics.SwarmDuration.Record((s.FinishedUtc.Value - began).TotalSeconds);
                }
            }

            await UnregisterAsync();
        }
        catch (Exception e) when (IsTransient(e) && s.TransientFailures < MaxTransientFailures)
        {
            // The silo is stopping, a grain call timed out, a peer died: the persisted phase stays
            // and the reminder (or the next activation) resumes from it.
            logger.LogWarning(e, "Swarm run {RunId} interrupted in {Phase}; it will resume", runId, s.Phase);
            s.TransientFailures++;
            try
            {
                await state.WriteStateAsync();
            }
            catch (Exception write) when (write is not OutOfMemoryException)
            {
                logger.LogWarning(write, "Could not record the interruption of swarm run {RunId}", runId);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Swarm run {RunId} failed in {Phase}", runId, s.Phase);
            s.Error = $"{s.Phase}: {e.Message}";
            s.Phase = SwarmPhase.Failed;
            s.FinishedUtc = time.GetUtcNow().UtcDateTime;
            await state.WriteStateAsync();
            await UnregisterAsync();
        }
    }

    /// <summary>Deploys the approved strategies, best out-of-sample first, skipping a second copy of the same bets.</summary>
    private async Task<List<string>> DeployAsync(string runId, IReadOnlyList<ValidationOutcome> validation, int max)
    {
        var deployed = new List<string>();
        var seen = new HashSet<(double, int)>();
        foreach (
            var v in validation.Where(v => v.Approved).OrderByDescending(v => v.OutOfSample.Roi).ThenBy(v => v.Id, StringComparer.Ordinal)
        )
        {
            if (deployed.Count >= max || !seen.Add((Math.Round(v.OutOfSample.Profit, 6), v.OutOfSample.Bets)))
            {
                continue; // capacity reached, or identical bets to one already deployed
            }

            await grains
                .GetGrain<IStrategyGrain>(v.Id)
                .TransitionAsync(
                    StrategyLifecycle.Deployed,
                    $"run {runId}: approved unanimously, out-of-sample ROI {v.OutOfSample.Roi:P2}, DSR {v.DeflatedSharpe:F3}"
                );
            await grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).RegisterAsync(v.Id, v.Spec, runId);
            deployed.Add(v.Id);
        }

        return deployed;
    }

    /// <summary>Replay clock: the start of the last round of the test period; picks are for the matches after it.</summary>
    private async Task<DateTime> ClockAsync(SwarmRunRequest request)
    {
        var last = DateTime.MinValue;
        foreach (var league in request.Leagues)
        {
            var summary = await grains.GetGrain<ILeagueSeasonGrain>($"{league}/{request.TestSeasons[^1]}").SummaryAsync();
            if (summary.LastKickoffUtc is { } k && k > last)
            {
                last = k;
            }
        }

        return last == DateTime.MinValue ? time.GetUtcNow().UtcDateTime : last.AddDays(-request.HorizonDays).AddMinutes(1);
    }

    private async Task UnregisterAsync()
    {
        var reminder = await this.GetReminder(KeepAlive);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private SwarmRunStatus Status()
    {
        var s = state.State;
        var current = IsTerminal(s.Phase) || progress.Phase == s.Phase ? progress : new SwarmProgress(s.Phase, 0, 0, "");
        return new SwarmRunStatus(
            this.GetPrimaryKeyString(),
            s.Phase,
            current,
            s.Request,
            s.Generation,
            s.Validation.ToArray(),
            s.Deployed.ToArray(),
            s.Consensus,
            s.Error,
            s.StartedUtc,
            s.FinishedUtc,
            s.Resumes
        );
    }

    private static bool IsTerminal(SwarmPhase phase) => phase is SwarmPhase.Completed or SwarmPhase.Failed;

    private const int MaxTransientFailures = 5;

    /// <summary>Infrastructure trouble (shutdown, timeouts, lost silos) rather than a problem with the run itself.</summary>
    private static bool IsTransient(Exception e) =>
        e is OrleansException or TimeoutException or OperationCanceledException || e.InnerException is { } inner && IsTransient(inner);
}

[GenerateSerializer]
[Alias("betting.SwarmRunState")]
public sealed class SwarmRunState
{
    [Id(0)]
    public SwarmRunRequest? Request { get; set; }

    [Id(1)]
    public SwarmPhase Phase { get; set; } = SwarmPhase.Pending;

    [Id(2)]
    public GenerationResult? Generation { get; set; }

    [Id(3)]
    public List<ValidationOutcome> Validation { get; set; } = [];

    [Id(4)]
    public List<string> Deployed { get; set; } = [];

    [Id(5)]
    public ConsensusResult? Consensus { get; set; }

    [Id(6)]
    public string? Error { get; set; }

    [Id(7)]
    public DateTime? StartedUtc { get; set; }

    [Id(8)]
    public DateTime? FinishedUtc { get; set; }

    [Id(9)]
    public int Resumes { get; set; }

    [Id(10)]
    public int TransientFailures { get; set; }
}
