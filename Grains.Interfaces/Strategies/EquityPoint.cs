namespace Orleans.Betting.Strategies;

[GenerateSerializer, Immutable]
public readonly record struct EquityPoint([property: Id(0)] DateTime Utc, [property: Id(1)] double Bankroll);
