using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Health;

/// <summary>Remediation actions the monitor knows how to take.</summary>
public static class RemediationActions
{
    public const string Notify = "notify";
    public const string PauseApi = "pause-api";           // open the API's circuit cluster-wide: its bucket stops serving
    public const string ResumeApi = "resume-api";
    public const string SlowApi = "slow-api";             // halve the bucket's rate
    public const string RestoreApi = "restore-api";
    public const string LowerPolling = "lower-polling";   // live odds poll 4× slower
    public const string RestorePolling = "restore-polling";
    public const string ClearCache = "clear-cache";       // drop the API's cached responses (deactivating the request grains that hold them)
    public const string RestartAgent = "restart-agent";
    public const string CollectActivations = "collect-activations"; // deactivate idle grains
    public const string PauseStrategy = "pause-strategy";
    public const string Escalate = "escalate";
    public const string Human = "human";                  // a human's answer to an escalation (retry, or handled by them)

    /// <summary>The rule from an anomaly to its remediation, and what undoes it when the incident resolves.</summary>
    public static (string Action, string? Undo) For(string subject, AnomalyKind kind) => kind switch
    {
        AnomalyKind.ErrorBurst or AnomalyKind.ConnectionFailures => (PauseApi, ResumeApi),
        AnomalyKind.Unreachable when subject.StartsWith("api:", StringComparison.Ordinal) => (PauseApi, ResumeApi),
        AnomalyKind.RateLimited => (SlowApi, RestoreApi),
        AnomalyKind.SlowResponses => (LowerPolling, RestorePolling),
        AnomalyKind.Spike or AnomalyKind.LevelShift when subject.StartsWith("api:", StringComparison.Ordinal) => (LowerPolling, RestorePolling),
        AnomalyKind.MalformedResponses => (ClearCache, null),
        AnomalyKind.AgentFaulted => (RestartAgent, null),
        AnomalyKind.Trend when subject.StartsWith("silo", StringComparison.Ordinal) => (CollectActivations, null),
        AnomalyKind.BelowValidatedRange => (PauseStrategy, null),
        _ => (Notify, null), // storage, silos, streams, the dashboard, stale books: people and the system's own retries
    };

    /// <summary>Incidents of one subject and family are one incident (a 500 storm that also opens the circuit is one).</summary>
    public static string Family(AnomalyKind kind) => kind switch
    {
        AnomalyKind.ErrorBurst or AnomalyKind.ConnectionFailures or AnomalyKind.Unreachable => "availability",
        AnomalyKind.RateLimited => "rate",
        AnomalyKind.SlowResponses or AnomalyKind.Spike or AnomalyKind.LevelShift => "latency",
        AnomalyKind.MalformedResponses => "payload",
        AnomalyKind.Trend => "trend",
        _ => kind.ToString(),
    };
}

/// <summary>Policy settings (Betting:Health:Remediation): confirmation, cooldowns, the cap, verification.</summary>
public sealed record RemediationSettings(
    int ConfirmSamples = 2,
    int ClearSamples = 3,
    double CooldownSeconds = 30,
    int MaxActionsPerWindow = 10,
    double WindowMinutes = 10,
    double VerifySeconds = 10,
    int FailuresBeforeEscalation = 2,
    int KeepIncidents = 500);

[GenerateSerializer]
public sealed class IncidentStep
{
    [Id(0)] public string Action { get; set; } = "";
    /// <summary>The result as words, as stored before results were typed: read once, never written.</summary>
    [Id(1)] public string? LegacyResult { get; set; }
    [Id(2)] public DateTime AtUtc { get; set; }
    [Id(3)] public string Detail { get; set; } = "";
    /// <summary>The action's effect is judged from here (e.g. the end of a pause)…</summary>
    [Id(4)] public DateTime? VerifyFromUtc { get; set; }
    /// <summary>…until here; then "verified" if the anomaly was not seen since VerifyFromUtc, else "failed".</summary>
    [Id(5)] public DateTime? VerifyAtUtc { get; set; }
    [Id(6)] public StepResult? TypedResult { get; set; }

    public StepResult Result
    {
        get => TypedResult ?? SeverityText.ParseStepResult(LegacyResult);
        set
        {
            TypedResult = value;
            LegacyResult = null;
        }
    }
}

[GenerateSerializer]
public sealed class Incident
{
    [Id(0)] public long Id { get; set; }
    [Id(1)] public string Key { get; set; } = "";
    [Id(2)] public string Subject { get; set; } = "";
    [Id(3)] public string Series { get; set; } = "";
    [Id(4)] public AnomalyKind Kind { get; set; }
    /// <summary>The severity as a word, as stored before severities were typed: read once, never written.</summary>
    [Id(5)] public string? LegacySeverity { get; set; }
    [Id(6)] public string Evidence { get; set; } = "";
    [Id(7)] public DateTime DetectedUtc { get; set; }
    [Id(8)] public DateTime LastSeenUtc { get; set; }
    [Id(9)] public DateTime? ResolvedUtc { get; set; }
    [Id(10)] public bool Escalated { get; set; }
    [Id(11)] public int Failures { get; set; }
    [Id(12)] public int CleanSamples { get; set; }
    [Id(13)] public List<IncidentStep> Steps { get; set; } = [];
    [Id(14)] public string? Undo { get; set; }
    /// <summary>The bucket's "rate|burst" before it was slowed, as stored before <see cref="BucketBefore"/>: read, never written.</summary>
    [Id(15)] public string? LegacyUndoArgument { get; set; }
    /// <summary>What was seen last (kind and evidence): what keeps the incident open.</summary>
    [Id(16)] public string? LastEvidence { get; set; }
    [Id(17)] public Severity? TypedSeverity { get; set; }
    /// <summary>The bucket's settings before a remediation changed them (what the undo restores).</summary>
    [Id(18)] public TokenBucketSettings? BucketBefore { get; set; }

    public Severity Severity
    {
        get => TypedSeverity ?? SeverityText.ParseSeverity(LegacySeverity);
        set
        {
            TypedSeverity = value;
            LegacySeverity = null;
        }
    }

    public bool Open => ResolvedUtc is null;

    /// <summary>The bucket settings the undo restores (also from incidents stored before they were typed).</summary>
    public TokenBucketSettings? BucketToRestore =>
        BucketBefore ?? (LegacyUndoArgument?.Split('|') is [var rate, var burst]
            && double.TryParse(rate, System.Globalization.CultureInfo.InvariantCulture, out var r)
            && int.TryParse(burst, System.Globalization.CultureInfo.InvariantCulture, out var b)
                ? new TokenBucketSettings(r, b)
                : null);

    public IncidentStep? AwaitingVerification => Steps.LastOrDefault(s => s.Result == StepResult.Applied && s.VerifyAtUtc is not null);
}

[GenerateSerializer]
public sealed class IncidentBook
{
    [Id(0)] public List<Incident> Incidents { get; set; } = [];
    [Id(1)] public long NextId { get; set; } = 1;
    /// <summary>Consecutive samples a finding has been seen, before it becomes an incident.</summary>
    [Id(2)] public Dictionary<string, int> Pending { get; set; } = [];
}

/// <summary>What the monitor should do for an incident now.</summary>
public enum StepKind
{
    Act,
    Escalate,
    Resolve,
}

public sealed record PlannedStep(Incident Incident, StepKind Kind, string Action);

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
    public static IReadOnlyList<Incident> Observe(IncidentBook book, IReadOnlyList<Finding> findings, DateTime now, RemediationSettings settings, IReadOnlySet<string>? silent = null)
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
        var budget = settings.MaxActionsPerWindow - book.Incidents.Sum(i => i.Steps.Count(s => s.AtUtc >= windowStart && IsRemediation(s.Action)));
        // Incidents nobody has acted on yet come first: a retry must not starve a new incident of the capped budget.
        foreach (var incident in book.Incidents.Where(i => i.Open).OrderBy(i => i.Steps.Any(s => IsRemediation(s.Action)) ? 1 : 0).ThenBy(i => i.Id))
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
                : last.Result is StepResult.Failed or StepResult.Error && now - last.AtUtc >= TimeSpan.FromSeconds(settings.CooldownSeconds);
            if (due && budget > 0)
            {
                budget--;
                steps.Add(new PlannedStep(incident, StepKind.Act, action));
            }
        }

        return steps;
    }

    /// <summary>Records what an action did. An action with an effect to verify stays "applied" until judged.</summary>
    public static void Record(Incident incident, string action, StepResult result, string detail, DateTime now, DateTime? verifyFrom = null, RemediationSettings? settings = null)
    {
        var step = new IncidentStep { Action = action, Result = result, AtUtc = now, Detail = detail };
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
        action is not (RemediationActions.Notify or RemediationActions.Escalate or RemediationActions.Human or RemediationActions.ResumeApi or RemediationActions.RestoreApi or RemediationActions.RestorePolling);
}
