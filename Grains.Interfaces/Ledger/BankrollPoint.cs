namespace Orleans.Betting.Ledger;

[GenerateSerializer, Immutable]
[Alias("betting.BankrollPoint")]
public sealed record BankrollPoint([property: Id(0)] DateTime AtUtc, [property: Id(1)] double Bankroll);
