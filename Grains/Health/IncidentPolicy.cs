namespace Orleans.Betting.Health;

/// <summary>
/// The incident lifecycle, pure: findings confirmed on consecutive samples open incidents (one per
/// subject and family); each gets its rule's action, subject to a cooldown and a cluster-wide cap
/// per window; an action is verified after its effect window (the anomaly gone since then) or
/// counted as failed; after two failures the incident is escalated to a human and automation
/// stops; an incident clean for a few samples with nothing left to verify resolves (undoing its
/// temporary measures).
/// </summary>
public static class IncidentPolicy
{
    public static string KeyOf(Finding f) => $"{f.Subject}|{RemediationActions.Family(f.Kind)}";

    /// <summary>Feeds one sample's findings; returns the incidents opened by it.</summary>
    /// <param name="silent">Subjects the sample says nothing about (an API with no traffic in the interval): their pending
    /// findings are neither confirmed nor dropped, and their incidents are not counted clean.</param>
    public static IReadOnlyList<Incident> Observe(
        IncidentBook book,
        IReadOnlyList<Finding> findings,
        DateTime now,
        RemediationSettings settings,
        IReadOnlySet<string>? silent = null
    )
    {
        var opened = new List<Incident>();
        var byKey = findings.GroupBy(KeyOf).ToDictionary(g => g.Key, g => g.OrderByDescending(f => f.Severity).First());
        foreach (var incident in book.Incidents.Where(i => i.Open))
        {
            if (byKey.Remove(incident.Key, out var finding))
            {
                incident.LastSeenUtc = now;
                incident.LastEvidence = $"{finding.Kind}: {finding.Evidence}";
                incident.CleanSamples = 0;
                if (finding.Severity > incident.Severity)
                {
                    incident.Severity = finding.Severity;
                }
            }
            else if (silent?.Contains(incident.Subject) != true)
            {
                incident.CleanSamples++;
            }
        }

        foreach (var key in book.Pending.Keys.Where(k => !byKey.ContainsKey(k) && silent?.Contains(k[..k.IndexOf('|')]) != true).ToList())
        {
            book.Pending.Remove(key);
        }

        foreach (var (key, finding) in byKey)
        {
            var seen = book.Pending[key] = book.Pending.GetValueOrDefault(key) + 1;
            // Statistical anomalies are reported once by their detector; rules must hold on consecutive samples.
            if (seen < settings.ConfirmSamples && finding.Kind is not (AnomalyKind.Spike or AnomalyKind.LevelShift or AnomalyKind.Trend))
            {
                continue;
            }

            book.Pending.Remove(key);
            var (_, undo) = RemediationActions.For(finding.Subject, finding.Kind);
            var incident = new Incident
            {
                Id = book.NextId++,
                Key = key,
                Subject = finding.Subject,
                Series = finding.Series,
                Kind = finding.Kind,
                Severity = finding.Severity,
                Evidence = finding.Evidence,
                DetectedUtc = now,
                LastSeenUtc = now,
                Undo = undo,
            };
            book.Incidents.Add(incident);
            opened.Add(incident);
        }

        var closed = book.Incidents.Count(i => !i.Open);
        if (book.Incidents.Count > settings.KeepIncidents && closed > 0)
        {
            var drop = book.Incidents.Where(i => !i.Open).Take(Math.Min(closed, book.Incidents.Count - settings.KeepIncidents)).ToHashSet();
            book.Incidents.RemoveAll(drop.Contains);
        }

        return opened;
    }

    /// <summary>Judges due verifications, then plans the next steps of the open incidents.</summary>
    public static IReadOnlyList<PlannedStep> Plan(IncidentBook book, DateTime now, RemediationSettings settings)
    {
        var steps = new List<PlannedStep>();
        var windowStart = now - TimeSpan.FromMinutes(settings.WindowMinutes);
        var budget =
            settings.MaxActionsPerWindow - book.Incidents.Sum(i => i.Steps.Count(s => s.AtUtc >= windowStart && IsRemediation(s.Action)));
        // Incidents nobody has acted on yet come first: a retry must not starve a new incident of the capped budget.
        foreach (
            var incident in book
                .Incidents.Where(i => i.Open)
                .OrderBy(i => i.Steps.Any(s => IsRemediation(s.Action)) ? 1 : 0)
                .ThenBy(i => i.Id)
        )
        {
            if (incident.AwaitingVerification is { } pending && now >= pending.VerifyAtUtc)
            {
                var worked = incident.LastSeenUtc <= pending.VerifyFromUtc; // seen at the very sample the action was taken in is before it
                pending.Result = worked ? StepResult.Verified : StepResult.Failed;
                pending.Detail += worked ? "; the anomaly has not been seen since" : $"; still seen at {incident.LastSeenUtc:HH:mm:ss}";
                if (!worked)
                {
                    incident.Failures++;
                }
            }

            if (incident.AwaitingVerification is not null)
            {
                continue;
            }

            if (incident.CleanSamples >= settings.ClearSamples)
            {
                steps.Add(new PlannedStep(incident, StepKind.Resolve, incident.Undo ?? "none"));
                continue;
            }

            if (incident.Escalated)
            {
                continue; // a human has it now
            }

            if (incident.Failures >= settings.FailuresBeforeEscalation)
            {
                steps.Add(new PlannedStep(incident, StepKind.Escalate, RemediationActions.Escalate));
                continue;
            }

            var (action, _) = RemediationActions.For(incident.Subject, incident.Kind);
            var last = incident.Steps.LastOrDefault(s => IsRemediation(s.Action));
            var due = last is null
                ? action != RemediationActions.Notify // a notify-only incident has had its notification at opening
                : last.Result is StepResult.Failed or StepResult.Error
                    && now - last.AtUtc >= TimeSpan.FromSeconds(settings.CooldownSeconds)
                    // Retried only against a fault still there: once the latest sample is clean, the incident is on its way to resolving.
                    && incident.CleanSamples == 0;
            if (due && budget > 0)
            {
                budget--;
                steps.Add(new PlannedStep(incident, StepKind.Act, action));
            }
        }

        return steps;
    }

    /// <summary>Records what an action did. An action with an effect to verify stays "applied" until judged.</summary>
    public static void Record(
        Incident incident,
        string action,
        StepResult result,
        string detail,
        DateTime now,
        DateTime? verifyFrom = null,
        RemediationSettings? settings = null
    )
    {
        var step = new IncidentStep
        {
            Action = action,
            Result = result,
            AtUtc = now,
            Detail = detail,
        };
        if (result == StepResult.Applied && verifyFrom is { } from)
        {
            step.VerifyFromUtc = from;
            step.VerifyAtUtc = from + TimeSpan.FromSeconds((settings ?? new RemediationSettings()).VerifySeconds);
        }

        if (result is StepResult.Error or StepResult.Failed)
        {
            incident.Failures++;
        }

        incident.Steps.Add(step);
    }

    public static void Resolve(Incident incident, DateTime now) => incident.ResolvedUtc = now;

    private static bool IsRemediation(string action) =>
        action
            is not (
                RemediationActions.Notify
                or RemediationActions.Escalate
                or RemediationActions.Human
                or RemediationActions.ResumeApi
                or RemediationActions.RestoreApi
                or RemediationActions.RestorePolling
            );
}
