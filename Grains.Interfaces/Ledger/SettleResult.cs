namespace Orleans.Betting.Ledger;

[GenerateSerializer, Immutable]
[Alias("betting.SettleResult")]
public sealed record SettleResult([property: Id(0)] int Settled, [property: Id(1)] double Profit, [property: Id(2)] int StillOpen);
