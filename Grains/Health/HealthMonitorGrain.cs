using Orleans.Betting.Health;
using Orleans.Betting.Market.Live;
using Microsoft.Extensions.Options;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Betting.Agents;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Market;
using Orleans.Betting.Strategies;
using Orleans.Runtime;

namespace Orleans.Betting.Health;

/// <summary>
/// The health monitor (DESIGN §9): every Betting:Health:SampleSeconds it samples the cluster (API
/// usage, buckets, the connectivity graph, agents, silos' memory, strategies' live records, the
/// bookmakers' freshness) into short persisted series, runs the statistical detectors and the
/// rules, and drives incidents through <see cref="IncidentPolicy"/>: one alert per incident
/// through the Notification agent, the rule's remediation, verification, escalation, resolution
/// with undo. Its own timer; a reminder brings it back after a restart.
/// </summary>
public sealed class HealthMonitorGrain(
    [PersistentState("health", StorageNames.Betting)] IPersistentState<HealthMonitorState> state,
    IGrainFactory grains,
    IOptions<HealthOptions> options,
    IOptions<LiveOddsOptions> liveOdds,
    TimeProvider time,
    ILogger<HealthMonitorGrain> logger) : Grain, IHealthMonitorGrain, IRemindable
{
    private const string KeepAlive = "health-keepalive";
    private readonly Dictionary<string, SeriesDetector> detectors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ApiUsage> previousUsage = new(StringComparer.Ordinal);
    private IGrainTimer? timer;
    private bool dirty;
    private int samplesSinceWrite;
    private string? lastWriteError;

    private HealthOptions Settings => options.Value;

    private RemediationSettings Policy => Settings.Remediation;

    private RuleSettings Rules => Settings.Rules;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The detectors re-learn from the persisted series, so a restart does not start them blind.
        foreach (var (series, points) in state.State.Series)
        {
            if (DetectorFor(series) is { } detector)
            {
                foreach (var point in points)
                {
                    detector.Add(point.Value);
                }
            }
        }

        if (state.State.Started)
        {
            StartTimer();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (dirty)
        {
            await TryWriteAsync();
        }
    }

    public async Task StartAsync()
    {
        if (!state.State.Started)
        {
            state.State.Started = true;
            await state.WriteStateAsync();
        }

        if (timer is null)
        {
            StartTimer();
        }

        await this.RegisterOrUpdateReminder(KeepAlive, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        // Alerts go out through the Notification agent: it must be running before the first incident (storage may be down by then).
        var notifier = grains.GetGrain<INotificationAgent>(AgentNames.Notification);
        if ((await notifier.GetStatusAsync()).State == AgentState.Idle)
        {
            await notifier.StartAsync("the health monitor's alert channel");
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask; // activation restarts the timer

    public Task<IReadOnlyList<IncidentView>> GetIncidentsAsync(bool openOnly = false, int limit = 100) =>
        Task.FromResult<IReadOnlyList<IncidentView>>(state.State.Book.Incidents
            .Where(i => !openOnly || i.Open)
            .OrderByDescending(i => i.Id)
            .Take(Math.Max(1, limit))
            .Select(View)
            .ToList());

    public Task<MetricsView> GetMetricsAsync(int points = 60) =>
        Task.FromResult(new MetricsView(
            state.State.Series.ToDictionary(s => s.Key, s => (IReadOnlyList<SeriesPoint>)s.Value.TakeLast(Math.Max(1, points)).ToList(), StringComparer.Ordinal),
            state.State.LastSampleUtc, state.State.Samples, state.State.Book.Incidents.Count(i => i.Open)));

    public async Task SampleAsync(CancellationToken cancellationToken = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sample = await CollectAsync(time.GetUtcNow().UtcDateTime, cancellationToken);
        siloFigures["health:collect_ms"] = clock.Elapsed.TotalMilliseconds;
        var now = time.GetUtcNow().UtcDateTime;
        var findings = HealthRules.Check(sample, Rules).ToList();
        findings.AddRange(RecordSeries(sample, now));

        var book = state.State.Book;
        var policy = Policy;
        var opened = IncidentPolicy.Observe(book, findings, now, policy, HealthRules.Silent(sample));
        foreach (var incident in opened)
        {
            dirty = true;
            logger.LogWarning("Incident {Id} opened: {Kind} on {Subject}: {Evidence}", incident.Id, incident.Kind, incident.Subject, incident.Evidence);
            await NotifyAsync(incident, $"incident|{incident.Id}", incident.Severity,
                $"Incident {incident.Id}: {incident.Kind} on {incident.Subject}: {incident.Evidence}. Remedy: {RemediationActions.For(incident.Subject, incident.Kind).Action}.");
            IncidentPolicy.Record(incident, RemediationActions.Notify, StepResult.Sent, "one alert for the incident, through the Notification agent", now);
        }

        foreach (var step in IncidentPolicy.Plan(book, now, policy))
        {
            dirty = true;
            await ExecuteAsync(step, now);
        }

        state.State.Samples++;
        state.State.LastSampleUtc = now;
        Monitoring.BettingMetrics.Set("incidents_open", "cluster", book.Incidents.Count(i => i.Open));
        if (dirty || ++samplesSinceWrite >= 6)
        {
            await TryWriteAsync();
        }
    }

    private async Task<HealthSample> CollectAsync(DateTime now, CancellationToken cancellationToken)
    {
        var apis = new List<ApiSample>();
        foreach (var api in ApiNames.All)
        {
            var usage = await grains.GetGrain<IApiUsageGrain>(api).GetUsageAsync();
            if (previousUsage.TryGetValue(api, out var before))
            {
                var successes = usage.UpstreamSuccesses - before.UpstreamSuccesses;
                var rateLimited = usage.RateLimited - before.RateLimited;
                var timeouts = usage.Timeouts - before.Timeouts;
                var connection = usage.ConnectionErrors - before.ConnectionErrors;
                apis.Add(new ApiSample(api,
                    usage.UpstreamAttempts - before.UpstreamAttempts,
                    usage.UpstreamErrors - before.UpstreamErrors - rateLimited - timeouts - connection,
                    rateLimited, timeouts, connection,
                    usage.MalformedResponses - before.MalformedResponses,
                    successes > 0 ? (usage.SuccessLatencyTotalMs - before.SuccessLatencyTotalMs) / successes : null,
                    // Probes alone can open the breaker of an API nothing here uses: that is the graph's Degraded, not an incident.
                    usage.UpstreamAttempts > 0 && usage.OpenOnAnySilo));
            }

            previousUsage[api] = usage;
        }

        // Components as the silos' auditors last reported them (stale reports are not evidence).
        var graph = await grains.GetGrain<IConnectivityGrain>(IConnectivityGrain.Key).GetGraphAsync();
        var fresh = TimeSpan.FromSeconds(3 * Settings.AuditSeconds + 5);
        var components = graph.Components.Where(c => now - c.CheckedUtc <= fresh).ToList();

        var agents = new List<AgentSample>();
        foreach (var (name, _) in AgentNames.All)
        {
            if (await Bounded(() => grains.Agent(name).GetStatusAsync(), $"agent {name}") is { } status)
            {
                agents.Add(new AgentSample(name, status.State, status.StateReason));
            }
        }

        var strategies = await Bounded(() => StrategySamplesAsync(agents), "strategies") ?? [];
        var books = await Bounded(BookSamplesAsync, "bookmakers") ?? [];
        return new HealthSample(now, apis, components, agents, strategies, books);
    }

    /// <summary>One slow or failing source (a grain whose state cannot load while storage is down) must not stop the sample.</summary>
    private async Task<T?> Bounded<T>(Func<Task<T>> read, string what) where T : class
    {
        try
        {
            return await read().WaitAsync(TimeSpan.FromSeconds(3));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogDebug("Health sample: {What} not read: {Error}", what, e.Message);
            return null;
        }
    }

    /// <summary>Deployed strategies with live bets, against the range of their latest validated report.</summary>
    private async Task<IReadOnlyList<StrategyLiveSample>> StrategySamplesAsync(IReadOnlyList<AgentSample> agents)
    {
        if (agents.FirstOrDefault(a => a.Name == AgentNames.PerformanceAnalyst) is not { State: not AgentState.Idle })
        {
            return [];
        }

        var records = await grains.GetGrain<IPerformanceAnalystAgent>(AgentNames.PerformanceAnalyst).TrackRecordsAsync();
        var samples = new List<StrategyLiveSample>();
        foreach (var record in records.Where(r => r.Bets >= Rules.MinLiveBets))
        {
            var info = await grains.GetGrain<IStrategyGrain>(record.StrategyId).GetAsync();
            if (info.Reports.LastOrDefault() is not { } validated)
            {
                continue;
            }

            // The live bets when a human last resumed it, as first seen after the resume.
            var betsAtResume = 0;
            if (info.ResumedUtc is { } resumed)
            {
                if (state.State.Resumes.GetValueOrDefault(record.StrategyId) is not { } seen || seen.ResumedUtc != resumed)
                {
                    seen = new HumanResume(resumed, record.Bets);
                    state.State.Resumes[record.StrategyId] = seen;
                    dirty = true;
                }

                betsAtResume = seen.BetsAtResume;
            }

            samples.Add(new StrategyLiveSample(record.StrategyId, record.Bets, record.Roi, record.ReturnSd, record.MeanClv,
                validated.Figures.RoiLow95, validated.Figures.MeanClv, info.PausedReason is not null, betsAtResume));
        }

        return samples;
    }

    private async Task<IReadOnlyList<BookFreshness>> BookSamplesAsync()
    {
        var books = new List<BookFreshness>();
        foreach (var sport in LiveSports())
        {
            var board = await grains.GetGrain<ILiveOddsGrain>(sport).GetBoardAsync();
            if (board.BookmakerUpdates is not { Count: > 1 } updates)
            {
                continue;
            }

            var freshest = updates.Values.Max();
            books.AddRange(updates.Select(u => new BookFreshness(sport, u.Key, u.Value, freshest)));
        }

        return books;
    }

    /// <summary>Appends the sample's figures to the series and runs the statistical detectors on those that have one.</summary>
    private IEnumerable<Finding> RecordSeries(HealthSample sample, DateTime now)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var api in sample.Apis)
        {
            values[$"api:{api.Api}:attempts"] = api.Attempts;
            values[$"api:{api.Api}:errors"] = api.HttpErrors + api.ConnectionErrors + api.Timeouts + api.RateLimited + api.Malformed;
            if (api.MeanLatencyMs is { } latency)
            {
                values[$"api:{api.Api}:latency_ms"] = latency;
            }
        }

        foreach (var component in sample.Components.Where(c => c.Kind is "storage" or "stream" && c.Status != ComponentStatus.Unhealthy))
        {
            values[$"{component.Name}:latency_ms"] = component.LatencyMs;
        }

        values["agents:faulted"] = sample.Agents.Count(a => a.State == AgentState.Faulted);
        values["incidents:open"] = state.State.Book.Incidents.Count(i => i.Open);
        foreach (var (name, value) in siloFigures)
        {
            values[name] = value;
        }

        var keep = Settings.SeriesPoints;
        foreach (var (series, value) in values)
        {
            if (!state.State.Series.TryGetValue(series, out var points))
            {
                state.State.Series[series] = points = [];
            }

            points.Add(new SeriesPoint(now, value));
            if (points.Count > keep)
            {
                points.RemoveRange(0, points.Count - keep);
            }

            if (DetectorFor(series)?.Add(value) is { } anomaly && Accept(series, anomaly, points))
            {
                var subject = series[..series.LastIndexOf(':')];
                yield return new Finding(subject, series, anomaly.Kind, anomaly.Severity, anomaly.Evidence);
            }
        }
    }

    private readonly Dictionary<string, double> siloFigures = new(StringComparer.Ordinal);

    /// <summary>A memory trend is a leak only if, at its robust slope, it would exhaust the memory available within the horizon.</summary>
    private bool Accept(string series, Anomaly anomaly, List<SeriesPoint> points)
    {
        if (anomaly.Kind != AnomalyKind.Trend || !series.EndsWith(":memory_mb", StringComparison.Ordinal))
        {
            return true;
        }

        var window = points.TakeLast(Math.Min(points.Count, 240)).Select(p => p.Value).ToList();
        var available = siloFigures.GetValueOrDefault(series.Replace(":memory_mb", ":available_mb", StringComparison.Ordinal));
        return LeakProjection.HoursToExhaust(window, available, Settings.SampleSeconds) < Settings.LeakHorizonHours;
    }

    private SeriesDetector? DetectorFor(string series)
    {
        if (detectors.TryGetValue(series, out var existing))
        {
            return existing;
        }

        var warmUp = Settings.Detector.WarmUp;
        DetectorSettings? settings = series switch
        {
            _ when series.StartsWith("api:", StringComparison.Ordinal) && series.EndsWith(":latency_ms", StringComparison.Ordinal) =>
                // One slow call is not an incident (a GC pause, a busy core): only a sustained shift above a 100 ms floor is.
                new DetectorSettings(WarmUp: warmUp, MinScale: Settings.Detector.LatencyFloorMs, Spikes: false, Trends: false),
            _ when series.EndsWith(":latency_ms", StringComparison.Ordinal) =>
                new DetectorSettings(WarmUp: warmUp, MinScale: Settings.Detector.StorageFloorMs, Spikes: false, Trends: false),
            _ when series.EndsWith(":memory_mb", StringComparison.Ordinal) =>
                new DetectorSettings(WarmUp: warmUp, Spikes: false, Shifts: false, MinScale: 1),
            _ => null,
        };
        if (settings is null)
        {
            return null;
        }

        return detectors[series] = new SeriesDetector(series, settings);
    }

    /// <summary>The escalated incident waits in the humans' queue (`approvals list`) beside the strategies held for approval.</summary>
    private async Task QueueForHumanAsync(Incident incident, DateTime now)
    {
        try
        {
            var remedies = incident.Steps.Where(s => s.Action != RemediationActions.Notify && s.Action != RemediationActions.Escalate)
                .Select(s => $"{s.AtUtc:HH:mm:ss} {s.Action}: {s.Result}").TakeLast(4);
            await grains.GetGrain<IApprovalQueueGrain>(IApprovalQueueGrain.Key).EnqueueAsync(new ApprovalItem(
                ApprovalItem.IncidentSubject(incident.Id), $"{incident.Kind} on {incident.Subject}", [incident.LastEvidence ?? incident.Evidence, .. remedies], 0, now,
                Kind: ApprovalKind.Incident));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Storage may be what is down: the critical alert has gone out; the queue entry is best effort.
            logger.LogWarning("Incident {Id}: not queued for a human: {Error}", incident.Id, e.Message);
        }
    }

    public async Task<IncidentView> DecideEscalationAsync(long incidentId, bool retry, string by)
    {
        var incident = state.State.Book.Incidents.FirstOrDefault(i => i.Id == incidentId)
                       ?? throw new ArgumentException($"no incident {incidentId}");
        if (!incident.Escalated)
        {
            throw new ArgumentException($"incident {incidentId} is not escalated: automation has it");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (retry && incident.Open)
        {
            incident.Escalated = false;
            incident.Failures = 0;
            IncidentPolicy.Record(incident, RemediationActions.Human, StepResult.Retry, $"{by} let automation retry {RemediationActions.For(incident.Subject, incident.Kind).Action}", now);
        }
        else
        {
            IncidentPolicy.Record(incident, RemediationActions.Human, StepResult.Handled, $"{by} handles it; automation stays off", now);
        }

        await state.WriteStateAsync();
        return View(incident);
    }

    private async Task ExecuteAsync(PlannedStep step, DateTime now)
    {
        var incident = step.Incident;
        var policy = Policy;
        var reason = $"health incident {incident.Id}: {incident.Kind} on {incident.Subject}";
        try
        {
            switch (step.Kind)
            {
                case StepKind.Escalate:
                    incident.Escalated = true;
                    // A second escalation (after a human let automation retry) is news: its own key, not a duplicate.
                    var escalations = incident.Steps.Count(s => s.Action == RemediationActions.Escalate);
                    await NotifyAsync(incident, $"incident|{incident.Id}|escalated{(escalations == 0 ? "" : $"-{escalations + 1}")}", Severity.Critical,
                        $"Incident {incident.Id} escalated: {incident.Kind} on {incident.Subject}; {incident.Failures} remediations failed ({incident.Evidence}). A human must look.");
                    IncidentPolicy.Record(incident, RemediationActions.Escalate, StepResult.Sent, $"{incident.Failures} failed remediations: automation stops, a human has it", now);
                    // Not awaited: a human deciding an incident makes the queue call this grain, which must not be waiting on the queue.
                    _ = QueueForHumanAsync(incident, now);
                    break;
                case StepKind.Resolve:
                    if (incident.Undo is { } undo)
                    {
                        var undone = await UndoAsync(incident, undo, reason);
                        IncidentPolicy.Record(incident, undo, StepResult.Done, undone, now);
                    }

                    IncidentPolicy.Resolve(incident, now);
                    logger.LogInformation("Incident {Id} resolved after {Seconds:F0} s", incident.Id, (now - incident.DetectedUtc).TotalSeconds);
                    break;
                default:
                    var (detail, verifyFrom, result) = await ActAsync(incident, step.Action, reason, now);
                    IncidentPolicy.Record(incident, step.Action, result, detail, now, verifyFrom, policy);
                    logger.LogWarning("Incident {Id}: {Action}: {Detail}", incident.Id, step.Action, detail);
                    break;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            IncidentPolicy.Record(incident, step.Action, StepResult.Error, $"{e.GetType().Name}: {e.Message}", now);
            logger.LogWarning(e, "Incident {Id}: {Action} failed", incident.Id, step.Action);
        }
    }

    /// <summary>
    /// Takes the action. Fixes (pause, restart, collect) are verified by the outcome: "applied",
    /// judged later from VerifyFrom by whether the anomaly is gone. Mitigations (slower bucket,
    /// slower polling, a paused strategy) are verified by their effect, read back at once.
    /// </summary>
    private async Task<(string Detail, DateTime? VerifyFrom, StepResult Result)> ActAsync(Incident incident, string action, string reason, DateTime now)
    {
        var target = Target(incident);
        switch (action)
        {
            case RemediationActions.PauseApi:
            {
                var seconds = Settings.PauseSeconds;
                await grains.GetGrain<ITokenBucketGrain>(target).PauseAsync(now.AddSeconds(seconds), reason);
                return ($"{target}'s bucket paused for {seconds:F0} s cluster-wide (circuit open): no calls reach the API meanwhile", now.AddSeconds(seconds), StepResult.Applied);
            }

            case RemediationActions.SlowApi:
            {
                var bucket = grains.GetGrain<ITokenBucketGrain>(target);
                var current = await bucket.GetStateAsync();
                incident.BucketBefore ??= new TokenBucketSettings(current.TokensPerSecond, current.Burst);
                var slower = Math.Max(0.05, current.TokensPerSecond / 2);
                await bucket.ConfigureAsync(new TokenBucketSettings(slower, Math.Max(1, current.Burst / 2)));
                var after = await bucket.GetStateAsync();
                return ($"{target}'s bucket slowed from {current.TokensPerSecond:0.##}/s to {after.TokensPerSecond:0.##}/s", null,
                    Math.Abs(after.TokensPerSecond - slower) < 1e-9 ? StepResult.Verified : StepResult.Failed);
            }

            case RemediationActions.LowerPolling:
            {
                var factor = Settings.PollingSlowdown;
                var sports = LiveSports();
                var confirmed = 0;
                foreach (var sport in sports)
                {
                    var board = grains.GetGrain<ILiveOddsGrain>(sport);
                    await board.SetSlowdownAsync(factor, reason);
                    confirmed += (await board.GetBoardAsync()).Slowdown == factor ? 1 : 0;
                }

                return ($"live polling of {(sports.Count == 0 ? "no sport" : string.Join(", ", sports))} {factor:0.#}× slower ({confirmed} confirmed)", null,
                    confirmed == sports.Count ? StepResult.Verified : StepResult.Failed);
            }

            case RemediationActions.ClearCache:
            {
                var usage = await grains.GetGrain<IApiUsageGrain>(target).GetUsageAsync();
                var keys = usage.RecentMalformedKeys ?? [];
                await Task.WhenAll(keys.Select(k => grains.GetGrain<IOddsRequestGrain>(k).ClearAsync()));
                return ($"cleared the cached responses of {keys.Count} request(s) that met malformed answers ({string.Join(", ", keys.Take(3))}); nothing malformed is ever cached", null, StepResult.Done);
            }

            case RemediationActions.RestartAgent:
            {
                var status = await grains.Agent(target).ResumeAsync($"{reason}: restart");
                return ($"agent {target} resumed ({status.State})", now, StepResult.Applied);
            }

            case RemediationActions.CollectActivations:
            {
                var management = grains.GetGrain<IManagementGrain>(0);
                await management.ForceActivationCollection(TimeSpan.FromMinutes(Settings.CollectIdleMinutes));
                return ("idle activations deactivated on every silo", now, StepResult.Applied);
            }

            case RemediationActions.PauseStrategy:
            {
                var info = await grains.GetGrain<IStrategyGrain>(target).PauseAsync(reason + ": " + incident.Evidence);
                return ($"strategy {target} paused (consensus weight {info.ConsensusWeight:0.###}); a human resumes it", null,
                    info.PausedReason is not null && info.ConsensusWeight == 0 ? StepResult.Verified : StepResult.Failed);
            }

            default:
                return ("notified only: the system's own retries recover it; people are told", null, StepResult.Done);
        }
    }

    private async Task<string> UndoAsync(Incident incident, string undo, string reason)
    {
        var target = Target(incident);
        switch (undo)
        {
            case RemediationActions.ResumeApi:
            {
                var bucket = grains.GetGrain<ITokenBucketGrain>(target);
                if (await bucket.GetStateAsync() is { Paused: true, PauseReason: { } why } && why.StartsWith($"health incident {incident.Id}:", StringComparison.Ordinal))
                {
                    await bucket.ResumeAsync();
                    return $"{target}'s bucket resumed";
                }

                return $"{target}'s bucket was no longer paused by this incident";
            }

            case RemediationActions.RestoreApi when incident.BucketToRestore is { } original:
            {
                await grains.GetGrain<ITokenBucketGrain>(target).ConfigureAsync(original);
                return $"{target}'s bucket back to {original.TokensPerSecond:0.##}/s";
            }

            case RemediationActions.RestorePolling:
            {
                foreach (var sport in LiveSports())
                {
                    await grains.GetGrain<ILiveOddsGrain>(sport).SetSlowdownAsync(1, reason + " resolved");
                }

                return "live polling back to its configured pace";
            }

            default:
                return "nothing to undo";
        }
    }

    /// <summary>What a subject such as api:odds or agent:database names: odds, database.</summary>
    private static string Target(Incident incident) => incident.Subject[(incident.Subject.IndexOf(':') + 1)..];

    private IReadOnlyList<string> LiveSports() => liveOdds.Value.SportKeys;

    /// <summary>Queued with the Notification agent (one-way: the loop never waits on a webhook), which de-duplicates by key and retries.</summary>
    private async Task NotifyAsync(Incident incident, string key, Severity severity, string text)
    {
        var notifier = grains.GetGrain<INotificationAgent>(AgentNames.Notification);
        try
        {
            if ((await notifier.GetStatusAsync()).State == AgentState.Idle)
            {
                await notifier.StartAsync("the health monitor has an alert to send");
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning("Could not start the Notification agent for incident {Id}: {Error}", incident.Id, e.Message);
        }

        await notifier.NotifyAsync(new Alert(key, severity, "health", text));
    }

    private async Task TryWriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
            dirty = false;
            samplesSinceWrite = 0;
            if (lastWriteError is not null)
            {
                logger.LogInformation("Health state saved again after: {Error}", lastWriteError);
                lastWriteError = null;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Storage is down (an incident of its own): keep everything in memory and write when it is back.
            dirty = true;
            if (lastWriteError is null)
            {
                logger.LogWarning("Health state not saved (kept in memory, retried every sample): {Error}", e.Message);
            }

            lastWriteError = e.Message;
        }
    }

    private void StartTimer()
    {
        timer?.Dispose();
        var period = Settings.SamplePeriod;
        timer = this.RegisterGrainTimer(async ct =>
        {
            try
            {
                await SampleSilosAsync().WaitAsync(TimeSpan.FromSeconds(3), ct);
            }
            catch (Exception e) when (e is not OutOfMemoryException && !ct.IsCancellationRequested)
            {
                logger.LogDebug("Health sample: silo statistics not read: {Error}", e.Message);
            }

            try
            {
                await SampleAsync(ct);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning(e, "Health sample failed");
            }
        }, new GrainTimerCreationOptions(period, period) { Interleave = false, KeepAlive = true });
    }

    /// <summary>Each active silo's memory and activations (Orleans' runtime statistics).</summary>
    private async Task SampleSilosAsync()
    {
        siloFigures.Clear();
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true);
        var stats = await management.GetRuntimeStatistics(hosts.Keys.ToArray());
        foreach (var (silo, s) in hosts.Keys.Zip(stats))
        {
            var name = $"silo:{silo}";
            siloFigures[$"{name}:memory_mb"] = s.EnvironmentStatistics.FilteredMemoryUsageBytes / 1048576.0;
            siloFigures[$"{name}:available_mb"] = s.EnvironmentStatistics.FilteredAvailableMemoryBytes / 1048576.0;
            siloFigures[$"{name}:activations"] = s.ActivationCount;
        }
    }

    private static IncidentView View(Incident i) => new(i.Id, i.Subject, i.Series, i.Kind.ToString(), i.Severity, i.Evidence, i.DetectedUtc,
        i.Steps.Select(s => new IncidentAction(s.Action, s.Result, s.AtUtc, s.Detail)).ToList(), i.ResolvedUtc, i.Escalated, i.LastSeenUtc, i.LastEvidence);
}

[GenerateSerializer]
public sealed class HealthMonitorState
{
    [Id(0)] public bool Started { get; set; }
    [Id(1)] public IncidentBook Book { get; set; } = new();
    [Id(2)] public Dictionary<string, List<SeriesPoint>> Series { get; set; } = [];
    [Id(3)] public long Samples { get; set; }
    [Id(4)] public DateTime? LastSampleUtc { get; set; }
    [Id(5)] public Dictionary<string, HumanResume> Resumes { get; set; } = [];
}

/// <summary>When a human resumed a strategy and how many live bets it had then.</summary>
[GenerateSerializer, Immutable]
public sealed record HumanResume([property: Id(0)] DateTime ResumedUtc, [property: Id(1)] int BetsAtResume);
