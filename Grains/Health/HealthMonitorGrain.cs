using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Betting.Agents;
using Orleans.Betting.Market.Live;

namespace Orleans.Betting.Health;

/// <summary>
/// The health monitor (DESIGN §9): every Betting:Health:SampleSeconds it samples the cluster (API
/// usage, buckets, the connectivity graph, agents, silos' memory, strategies' live records, the
/// bookmakers' freshness) into short persisted series, runs the statistical detectors and the
/// rules, and drives incidents through <see cref="IncidentPolicy"/>: one alert per incident
/// through the Notification agent, the rule's remediation, verification, escalation, resolution
/// with undo. Its own timer; a reminder brings it back after a restart.
/// </summary>
public sealed partial class HealthMonitorGrain(
    [PersistentState("health", StorageNames.Betting)] IPersistentState<HealthMonitorState> state,
    IGrainFactory grains,
    IOptions<HealthOptions> options,
    IOptions<LiveOddsOptions> liveOdds,
    TimeProvider time,
    IEnumerable<IAnomalyDetectorFactory> models,
    ILogger<HealthMonitorGrain> logger
) : Grain, IHealthMonitorGrain, IRemindable
{
    private const string KeepAlive = "health-keepalive";
    private HealthSeries? series;
    private HealthSampler? sampler;
    private IGrainTimer? timer;
    private bool dirty;
    private int samplesSinceWrite;
    private string? lastWriteError;

    private HealthOptions Settings => options.Value;

    private RemediationSettings Policy => Settings.Remediation;

    private RuleSettings Rules => Settings.Rules;

    private HealthSampler Sampler => sampler ??= new HealthSampler(grains, logger);

    private HealthSeries Series =>
        series ??= new HealthSeries(state, Settings, siloFigures, AnomalyModels.Choose(models, Settings.Detector.Model));

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        dirty |= state.State.Book.UpgradeStoredWords();
        Series.Relearn();

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
        Task.FromResult<IReadOnlyList<IncidentView>>(
            state
                .State.Book.Incidents.Where(i => !openOnly || i.Open)
                .OrderByDescending(i => i.Id)
                .Take(Security.ReadLimit.Clamp(limit))
                .Select(View)
                .ToList()
        );

    public Task<MetricsView> GetMetricsAsync(int points = 60) =>
        Task.FromResult(
            new MetricsView(
                state.State.Series.ToDictionary(
                    s => s.Key,
                    s => (IReadOnlyList<SeriesPoint>)s.Value.TakeLast(Security.ReadLimit.Clamp(points)).ToList(),
                    StringComparer.Ordinal
                ),
                state.State.LastSampleUtc,
                state.State.Samples,
                state.State.Book.Incidents.Count(i => i.Open)
            )
        );

    public async Task SampleAsync(CancellationToken cancellationToken = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (sample, resumesChanged) = await Sampler.CollectAsync(
            time.GetUtcNow().UtcDateTime,
            state.State,
            Settings,
            liveOdds.Value.SportKeys,
            cancellationToken
        );
        dirty |= resumesChanged;
        siloFigures["health:collect_ms"] = clock.Elapsed.TotalMilliseconds;
        var now = time.GetUtcNow().UtcDateTime;
        var findings = HealthRules.Check(sample, Rules).ToList();
        findings.AddRange(Series.Record(sample, now));

        var book = state.State.Book;
        var policy = Policy;
        var opened = IncidentPolicy.Observe(book, findings, now, policy, HealthRules.Silent(sample));
        foreach (var incident in opened)
        {
            dirty = true;
            HealthLog.IncidentOpened(logger, incident.Id, incident.Kind, incident.Subject, incident.Evidence);
            await NotifyAsync(
                incident,
                $"incident|{incident.Id}",
                incident.Severity,
                $"Incident {incident.Id}: {incident.Kind} on {incident.Subject}: {incident.Evidence}. Remedy: {RemediationActions.For(incident.Subject, incident.Kind).Action}."
            );
            IncidentPolicy.Record(
                incident,
                RemediationActions.Notify,
                StepResult.Sent,
                "one alert for the incident, through the Notification agent",
                now
            );
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

    private readonly Dictionary<string, double> siloFigures = new(StringComparer.Ordinal);

    private async Task TryWriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
            dirty = false;
            samplesSinceWrite = 0;
            if (lastWriteError is not null)
            {
                HealthLog.SavedAgain(logger, lastWriteError);
                lastWriteError = null;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Storage is down (an incident of its own): keep everything in memory and write when it is back.
            dirty = true;
            if (lastWriteError is null)
            {
                HealthLog.NotSaved(logger, e.Message);
            }

            lastWriteError = e.Message;
        }
    }

    private void StartTimer()
    {
        timer?.Dispose();
        var period = Settings.SamplePeriod;
        timer = this.RegisterGrainTimer(
            async ct =>
            {
                try
                {
                    await Sampler.SampleSilosAsync(siloFigures).WaitAsync(TimeSpan.FromSeconds(3), ct);
                }
                catch (Exception e) when (e is not OutOfMemoryException && !ct.IsCancellationRequested)
                {
                    HealthLog.NotRead(logger, "silo statistics", e.Message);
                }

                try
                {
                    await SampleAsync(ct);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    HealthLog.SampleFailed(logger, e);
                }
            },
            new GrainTimerCreationOptions(period, period) { Interleave = false, KeepAlive = true }
        );
    }

    private static IncidentView View(Incident i) =>
        new(
            i.Id,
            i.Subject,
            i.Series,
            i.Kind.ToString(),
            i.Severity,
            i.Evidence,
            i.DetectedUtc,
            i.Steps.Select(s => new IncidentAction(s.Action, s.Result, s.AtUtc, s.Detail)).ToList(),
            i.ResolvedUtc,
            i.Escalated,
            i.LastSeenUtc,
            i.LastEvidence
        );
}
