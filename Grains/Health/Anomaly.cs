namespace Orleans.Betting.Health;

/// <summary>An anomaly in one series: what, how bad, and the evidence (the figures that crossed the line).</summary>
public sealed record Anomaly(string Series, AnomalyKind Kind, Severity Severity, int Index, double Value, string Evidence);
