namespace Orleans.Betting.Agents;

/// <summary>
/// One item of the humans' queue. <see cref="Subject"/>: the strategy id, or <c>incident-N</c>;
/// <see cref="Spec"/>: the strategy's spec, or what the incident is.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.ApprovalItem")]
public sealed record ApprovalItem(
    [property: Id(0)] string Subject,
    [property: Id(1)] string Spec,
    [property: Id(2)] IReadOnlyList<string> Flags,
    [property: Id(3)] int Cycle,
    [property: Id(4)] DateTime QueuedUtc,
    [property: Id(5)] ApprovalState State = ApprovalState.Pending,
    [property: Id(6)] string? DecidedBy = null,
    [property: Id(7)] DateTime? DecidedUtc = null,
    [property: Id(8)] ApprovalKind Kind = ApprovalKind.Strategy
)
{
    private const string IncidentPrefix = "incident-";

    public static string IncidentSubject(long incidentId) =>
        IncidentPrefix + incidentId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static long IncidentId(string incidentSubject) =>
        long.Parse(incidentSubject.AsSpan(IncidentPrefix.Length), System.Globalization.CultureInfo.InvariantCulture);
}
