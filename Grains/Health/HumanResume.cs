namespace Orleans.Betting.Health;

/// <summary>When a human resumed a strategy and how many live bets it had then.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.HumanResume")]
public sealed record HumanResume([property: Id(0)] DateTime ResumedUtc, [property: Id(1)] int BetsAtResume);
