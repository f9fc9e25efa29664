namespace Orleans.Betting.Agents;

[GenerateSerializer, Immutable]
[Alias("betting.AuditEntry")]
public sealed record AuditEntry([property: Id(0)] long Sequence, [property: Id(1)] AgentDecision Decision);
