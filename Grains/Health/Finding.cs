namespace Orleans.Betting.Health;

/// <summary>A finding: something is wrong with a subject (api:odds, storage, agent:X, strategy:Y, book:Z), with the evidence.</summary>
public sealed record Finding(string Subject, string Series, AnomalyKind Kind, Severity Severity, string Evidence);
