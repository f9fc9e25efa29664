using Microsoft.Extensions.Logging;
using Orleans.Betting.Agents;

namespace Orleans.Betting.Health;

// The remediation executor: acts on planned steps, verifies, escalates to a human and undoes on resolution.
public sealed partial class HealthMonitorGrain
{
    /// <summary>The hands: each remediation action and its undo, as calls on the grains they act on.</summary>
    private RemediationActuator Actuator => new(grains, Settings, liveOdds.Value.SportKeys);

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
                        var undone = await Actuator.UndoAsync(incident, undo, reason);
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
                    var (detail, verifyFrom, result) = await Actuator.ActAsync(incident, step.Action, reason, now);
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
