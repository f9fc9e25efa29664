namespace Orleans.Betting.Health;

/// <summary>Remediation actions the monitor knows how to take.</summary>
public static class RemediationActions
{
    public const string Notify = "notify";
    public const string PauseApi = "pause-api"; // open the API's circuit cluster-wide: its bucket stops serving
    public const string ResumeApi = "resume-api";
    public const string SlowApi = "slow-api"; // halve the bucket's rate
    public const string RestoreApi = "restore-api";
    public const string LowerPolling = "lower-polling"; // live odds poll 4× slower
    public const string RestorePolling = "restore-polling";
    public const string ClearCache = "clear-cache"; // drop the API's cached responses (deactivating the request grains that hold them)
    public const string RestartAgent = "restart-agent";
    public const string CollectActivations = "collect-activations"; // deactivate idle grains
    public const string PauseStrategy = "pause-strategy";
    public const string Escalate = "escalate";
    public const string Human = "human"; // a human's answer to an escalation (retry, or handled by them)

    /// <summary>The rule from an anomaly to its remediation, and what undoes it when the incident resolves.</summary>
    public static (string Action, string? Undo) For(string subject, AnomalyKind kind) =>
        kind switch
        {
            AnomalyKind.ErrorBurst or AnomalyKind.ConnectionFailures => (PauseApi, ResumeApi),
            AnomalyKind.Unreachable when subject.StartsWith("api:", StringComparison.Ordinal) => (PauseApi, ResumeApi),
            AnomalyKind.RateLimited => (SlowApi, RestoreApi),
            AnomalyKind.SlowResponses => (LowerPolling, RestorePolling),
            AnomalyKind.Spike or AnomalyKind.LevelShift when subject.StartsWith("api:", StringComparison.Ordinal) => (
                LowerPolling,
                RestorePolling
            ),
            AnomalyKind.MalformedResponses => (ClearCache, null),
            AnomalyKind.AgentFaulted => (RestartAgent, null),
            AnomalyKind.Trend when subject.StartsWith("silo", StringComparison.Ordinal) => (CollectActivations, null),
            AnomalyKind.BelowValidatedRange => (PauseStrategy, null),
            _ => (Notify, null), // storage, silos, streams, the dashboard, stale books: people and the system's own retries
        };

    /// <summary>Incidents of one subject and family are one incident (a 500 storm that also opens the circuit is one).</summary>
    public static string Family(AnomalyKind kind) =>
        kind switch
        {
            AnomalyKind.ErrorBurst or AnomalyKind.ConnectionFailures or AnomalyKind.Unreachable => "availability",
            AnomalyKind.RateLimited => "rate",
            AnomalyKind.SlowResponses or AnomalyKind.Spike or AnomalyKind.LevelShift => "latency",
            AnomalyKind.MalformedResponses => "payload",
            AnomalyKind.Trend => "trend",
            _ => kind.ToString(),
        };
}
