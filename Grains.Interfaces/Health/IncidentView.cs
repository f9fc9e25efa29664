namespace Orleans.Betting.Health;

/// <summary>An incident: detected → actions → result → resolved, persisted and audited.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.IncidentView")]
public sealed record IncidentView(
    [property: Id(0)] long Id,
    [property: Id(1)] string Subject,
    [property: Id(2)] string Series,
    [property: Id(3)] string Kind,
    [property: Id(4)] Severity Severity,
    [property: Id(5)] string Evidence,
    [property: Id(6)] DateTime DetectedUtc,
    [property: Id(7)] IReadOnlyList<IncidentAction> Actions,
    [property: Id(8)] DateTime? ResolvedUtc,
    [property: Id(9)] bool Escalated,
    [property: Id(10)] DateTime LastSeenUtc,
    [property: Id(11)] string? LastEvidence = null
);
