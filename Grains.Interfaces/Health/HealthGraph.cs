namespace Orleans.Betting.Health;

/// <summary>The components and their dependencies, as the silos' auditors last saw them.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.HealthGraph")]
public sealed record HealthGraph([property: Id(0)] IReadOnlyList<ComponentHealth> Components, [property: Id(1)] DateTime? LastAuditUtc);
