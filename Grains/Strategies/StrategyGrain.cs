using System.Diagnostics;
using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Strategies;

/// <summary>
/// One strategy: its spec, lifecycle with reasons, backtest reports, validation verdicts and
/// consensus weight, persisted. Season data comes from the league-season grains as immutable
/// payloads and is cached per activation (revalidated by version), so the many evaluations of a
/// swarm do not move the data again.
/// </summary>
public sealed partial class StrategyGrain(
    [PersistentState("strategy", StorageNames.Betting)] IPersistentState<StrategyState> state,
    IGrainFactory grains,
    MarketTimelineCache timelines,
    TimeProvider time
) : Grain, IStrategyGrain
{
    /// <summary>How long a vote trusts the season versions it last checked (votes are latency-critical; backtests always re-check).</summary>
    private static readonly TimeSpan VoteRevalidation = TimeSpan.FromSeconds(30);
    private DateTime versionsCheckedUtc = DateTime.MinValue;
    private const int ReportsKept = 20;
    private readonly Dictionary<string, (int Version, SeasonData Data)> seasonCache = new(StringComparer.Ordinal);
    private (string Key, CachedTimeline Cached)? timelineCache;
    private (MarketTimeline Timeline, IBacktestStrategy Model)? voters;

    public async Task<StrategyInfo> DefineAsync(StrategySpec parsed, bool persist = true)
    {
        _ = StrategyFactory.Create(parsed); // validates the parameters now, not at the first backtest
        var id = this.GetPrimaryKeyString();
        if (parsed.Id != id)
        {
            throw new ArgumentException($"spec '{parsed.Text}' has id {parsed.Id}, not {id}");
        }

        var s = state.State;
        if (s.Spec is null)
        {
            s.Spec = parsed;
            s.History.Add(
                new LifecycleChange(StrategyLifecycle.Candidate, StrategyLifecycle.Candidate, "defined", time.GetUtcNow().UtcDateTime)
            );
        }

        // A swarm defines hundreds of candidates that are never heard of again; their specs live in
        // the run's persisted generation result. A strategy is written when something happens to it
        // (a kept report, a verdict, a lifecycle change) or when it is defined durably.
        if (persist && !state.RecordExists)
        {
            await state.WriteStateAsync();
        }

        return Info();
    }

    public async Task<BacktestReport> BacktestAsync(BacktestRequest request, CancellationToken cancellationToken = default)
    {
        var spec = DefinedSpec();
        if (request.Seasons.Count == 0)
        {
            throw new ArgumentException("at least one season is needed");
        }

        var clock = Stopwatch.StartNew();
        if (request.ClosingOnly)
        {
            spec = spec.With("phase", "closing");
        }

        var strategy = StrategyFactory.Create(spec);
        var staking = StakingPlan.Parse(request.Staking);
        var warmUp = request.WarmUpSeasons ?? [];
        var (timeline, _) = await TimelineAsync(Leagues(request.League), warmUp.Concat(request.Seasons).Distinct().ToList());
        cancellationToken.ThrowIfCancellationRequested();
        var betFrom = BacktestReports.BetFrom(timeline, warmUp, request.Seasons);

        var result = BacktestEngine.Run(
            timeline,
            strategy,
            new BacktestOptions(
                staking,
                StakeLimits.None,
                request.InitialBankroll,
                request.BootstrapSamples,
                request.Seed,
                request.PriceWorsening,
                request.RefuseShare,
                betFrom
            )
        );
        var report = BacktestReports.From(
            this.GetPrimaryKeyString(),
            spec,
            request,
            staking,
            timeline,
            result,
            witnessed: strategy.DecisionPhase != Phase.Closing,
            betFrom,
            time.GetUtcNow().UtcDateTime,
            clock.Elapsed.TotalMilliseconds
        );
        Monitoring.BettingMetrics.BacktestDuration.Record(report.ElapsedMs);

        if (request.KeepReport)
        {
            var s = state.State;
            s.Reports.Add(report);
            if (s.Reports.Count > ReportsKept)
            {
                s.Reports.RemoveRange(0, s.Reports.Count - ReportsKept);
            }

            await state.WriteStateAsync();
        }

        return report;
    }

    public Task<StrategyInfo> GetAsync() => Task.FromResult(Info());

    public async Task<StrategyInfo> SetConsensusWeightAsync(double weight, string reason)
    {
        if (!double.IsFinite(weight) || weight < 0)
        {
            throw new ArgumentException($"strategy {this.GetPrimaryKeyString()}: consensus weight {weight} must be a finite number ≥ 0");
        }

        var s = state.State;
        if (s.PausedReason is not null)
        {
            return Info(); // paused by the health monitor: no weight until a human resumes it
        }

        if (Math.Abs(s.ConsensusWeight - weight) > 1e-9)
        {
            s.ConsensusWeight = weight;
            s.History.Add(
                new LifecycleChange(s.Lifecycle, s.Lifecycle, $"consensus weight {weight:F3}: {reason}", time.GetUtcNow().UtcDateTime)
            );
            await state.WriteStateAsync();
        }

        return Info();
    }

    public async Task<StrategyInfo> PauseAsync(string reason)
    {
        reason = Security.CallerIdentity.Attributed(reason);
        var s = state.State;
        if (s.PausedReason is null)
        {
            s.WeightBeforePause = s.ConsensusWeight;
            s.PausedReason = reason;
            s.ConsensusWeight = 0;
            s.History.Add(
                new LifecycleChange(s.Lifecycle, s.Lifecycle, $"paused (consensus weight 0): {reason}", time.GetUtcNow().UtcDateTime)
            );
            await state.WriteStateAsync();
        }

        return Info();
    }

    public async Task<StrategyInfo> UnpauseAsync(string reason)
    {
        reason = Security.CallerIdentity.Attributed(reason);
        var s = state.State;
        if (s.PausedReason is not null)
        {
            s.PausedReason = null;
            s.ResumedUtc = time.GetUtcNow().UtcDateTime;
            s.ConsensusWeight = s.WeightBeforePause;
            s.History.Add(
                new LifecycleChange(
                    s.Lifecycle,
                    s.Lifecycle,
                    $"resumed (consensus weight {s.ConsensusWeight:F3}): {reason}",
                    time.GetUtcNow().UtcDateTime
                )
            );
            await state.WriteStateAsync();
        }

        return Info();
    }

    public async Task<StrategyInfo> TransitionAsync(StrategyLifecycle to, string reason)
    {
        DefinedSpec();
        var s = state.State;
        if (s.Lifecycle != to)
        {
            s.History.Add(new LifecycleChange(s.Lifecycle, to, reason, time.GetUtcNow().UtcDateTime));
            s.Lifecycle = to;
            await state.WriteStateAsync();
        }

        return Info();
    }

    public async Task RecordValidationAsync(string runId, IReadOnlyList<ValidatorVerdict> verdicts, bool approved)
    {
        DefinedSpec();
        var s = state.State;
        s.Verdicts = verdicts.ToList();
        var to = approved ? StrategyLifecycle.Validated : StrategyLifecycle.Rejected;
        var reason = approved
            ? $"run {runId}: all {verdicts.Count} validators approved"
            : $"run {runId}: rejected by {string.Join(", ", verdicts.Where(v => !v.Passed).Select(v => $"{v.Validator} ({v.Reason})"))}";
        s.History.Add(new LifecycleChange(s.Lifecycle, to, reason, time.GetUtcNow().UtcDateTime));
        s.Lifecycle = to;
        await state.WriteStateAsync();
    }

    private StrategySpec DefinedSpec() =>
        state.State.Spec
        ?? throw new InvalidOperationException($"strategy {this.GetPrimaryKeyString()} is not defined; call DefineAsync first");

    private StrategyInfo Info()
    {
        var s = state.State;
        return new StrategyInfo(
            this.GetPrimaryKeyString(),
            s.Spec,
            s.Lifecycle,
            s.History.ToArray(),
            s.Reports.ToArray(),
            s.ConsensusWeight,
            s.Verdicts.ToArray(),
            s.PausedReason,
            s.ResumedUtc
        );
    }
}
