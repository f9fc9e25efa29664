namespace Orleans.Betting.Health;

/// <summary>One remediation step of an incident and how it went.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.IncidentAction")]
public sealed record IncidentAction(
    [property: Id(0)] string Action,
    [property: Id(1)] StepResult Result,
    [property: Id(2)] DateTime AtUtc,
    [property: Id(3)] string Detail
);
