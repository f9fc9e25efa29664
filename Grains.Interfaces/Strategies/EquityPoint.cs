namespace Orleans.Betting.Strategies;

[GenerateSerializer, Immutable]
[Alias("betting.EquityPoint")]
public readonly record struct EquityPoint([property: Id(0)] DateTime Utc, [property: Id(1)] double Bankroll);
