namespace Orleans.Betting.Health;

public sealed record PlannedStep(Incident Incident, StepKind Kind, string Action);
