using Microsoft.Extensions.Logging;
using Orleans.Betting.Agents;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Market;
using Orleans.Betting.Strategies;

namespace Orleans.Betting.Health;

// The remediation executor: acts on planned steps, verifies, escalates to a human and undoes on resolution.
public sealed partial class HealthMonitorGrain
{
    /// <summary>The escalated incident waits in the humans' queue (`approvals list`) beside the strategies held for approval.</summary>
    private async Task QueueForHumanAsync(Incident incident, DateTime now)
    {
        try
        {
            var remedies = incident
                .Steps.Where(s => s.Action != RemediationActions.Notify && s.Action != RemediationActions.Escalate)
                .Select(s => $"{s.AtUtc:HH:mm:ss} {s.Action}: {s.Result.Text()}")
                .TakeLast(4);
            await grains
                .GetGrain<IApprovalQueueGrain>(IApprovalQueueGrain.Key)
                .EnqueueAsync(
                    new ApprovalItem(
                        ApprovalItem.IncidentSubject(incident.Id),
                        $"{incident.Kind} on {incident.Subject}",
                        [incident.LastEvidence ?? incident.Evidence, .. remedies],
                        0,
                        now,
                        Kind: ApprovalKind.Incident
                    )
                );
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Storage may be what is down: the critical alert has gone out; the queue entry is best effort.
            logger.LogWarning("Incident {Id}: not queued for a human: {Error}", incident.Id, e.Message);
        }
    }

    public async Task<IncidentView> DecideEscalationAsync(long incidentId, bool retry, string by)
    {
        // The verified operator when the call carries one (the approvals queue passes on the name it
        // recorded, already marked when unverified).
        by = Security.CallerIdentity.Operator ?? by;
        var incident =
            state.State.Book.Incidents.FirstOrDefault(i => i.Id == incidentId) ?? throw new ArgumentException($"no incident {incidentId}");
        if (!incident.Escalated)
        {
            throw new ArgumentException($"incident {incidentId} is not escalated: automation has it");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (retry && incident.Open)
        {
            incident.Escalated = false;
            incident.Failures = 0;
            IncidentPolicy.Record(
                incident,
                RemediationActions.Human,
                StepResult.Retry,
                $"{by} let automation retry {RemediationActions.For(incident.Subject, incident.Kind).Action}",
                now
            );
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
                    await NotifyAsync(
                        incident,
                        $"incident|{incident.Id}|escalated{(escalations == 0 ? "" : $"-{escalations + 1}")}",
                        Severity.Critical,
                        $"Incident {incident.Id} escalated: {incident.Kind} on {incident.Subject}; {incident.Failures} remediations failed ({incident.Evidence}). A human must look."
                    );
                    IncidentPolicy.Record(
                        incident,
                        RemediationActions.Escalate,
                        StepResult.Sent,
                        $"{incident.Failures} failed remediations: automation stops, a human has it",
                        now
                    );
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
                    logger.LogInformation(
                        "Incident {Id} resolved after {Seconds:F0} s",
                        incident.Id,
                        (now - incident.DetectedUtc).TotalSeconds
                    );
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
    private async Task<(string Detail, DateTime? VerifyFrom, StepResult Result)> ActAsync(
        Incident incident,
        string action,
        string reason,
        DateTime now
    )
    {
        var target = Target(incident);
        switch (action)
        {
            case RemediationActions.PauseApi:
            {
                var seconds = Settings.PauseSeconds;
                await grains.GetGrain<ITokenBucketGrain>(target).PauseAsync(now.AddSeconds(seconds), reason);
                return (
                    $"{target}'s bucket paused for {seconds:F0} s cluster-wide (circuit open): no calls reach the API meanwhile",
                    now.AddSeconds(seconds),
                    StepResult.Applied
                );
            }

            case RemediationActions.SlowApi:
            {
                var bucket = grains.GetGrain<ITokenBucketGrain>(target);
                var current = await bucket.GetStateAsync();
                incident.BucketBefore ??= new TokenBucketSettings(current.TokensPerSecond, current.Burst);
                var slower = Math.Max(0.05, current.TokensPerSecond / 2);
                await bucket.ConfigureAsync(new TokenBucketSettings(slower, Math.Max(1, current.Burst / 2)));
                var after = await bucket.GetStateAsync();
                return (
                    $"{target}'s bucket slowed from {current.TokensPerSecond:0.##}/s to {after.TokensPerSecond:0.##}/s",
                    null,
                    Math.Abs(after.TokensPerSecond - slower) < 1e-9 ? StepResult.Verified : StepResult.Failed
                );
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

                return (
                    $"live polling of {(sports.Count == 0 ? "no sport" : string.Join(", ", sports))} {factor:0.#}× slower ({confirmed} confirmed)",
                    null,
                    confirmed == sports.Count ? StepResult.Verified : StepResult.Failed
                );
            }

            case RemediationActions.ClearCache:
            {
                var usage = await grains.GetGrain<IApiUsageGrain>(target).GetUsageAsync();
                var keys = usage.RecentMalformedKeys ?? [];
                await Task.WhenAll(keys.Select(k => grains.GetGrain<IOddsRequestGrain>(k).ClearAsync()));
                return (
                    $"cleared the cached responses of {keys.Count} request(s) that met malformed answers ({string.Join(", ", keys.Take(3))}); nothing malformed is ever cached",
                    null,
                    StepResult.Done
                );
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
                return (
                    $"strategy {target} paused (consensus weight {info.ConsensusWeight:0.###}); a human resumes it",
                    null,
                    info.PausedReason is not null && info.ConsensusWeight == 0 ? StepResult.Verified : StepResult.Failed
                );
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
                if (
                    await bucket.GetStateAsync() is { Paused: true, PauseReason: { } why }
                    && why.StartsWith($"health incident {incident.Id}:", StringComparison.Ordinal)
                )
                {
                    await bucket.ResumeAsync();
                    return $"{target}'s bucket resumed";
                }

                return $"{target}'s bucket was no longer paused by this incident";
            }

            case RemediationActions.RestoreApi when incident.BucketBefore is { } original:
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
    private static string Target(Incident incident) => HealthSubject.Parse(incident.Subject).Name;

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
}
