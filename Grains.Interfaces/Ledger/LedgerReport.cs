namespace Orleans.Betting.Ledger;

[GenerateSerializer, Immutable]
[Alias("betting.LedgerReport")]
public sealed record LedgerReport(
    [property: Id(0)] double InitialBankroll,
    [property: Id(1)] double Bankroll,
    [property: Id(2)] int Bets,
    [property: Id(3)] int Open,
    [property: Id(4)] int Settled,
    [property: Id(5)] double Staked,
    [property: Id(6)] double Profit,
    [property: Id(7)] double Roi,
    [property: Id(8)] double? MeanClv,
    [property: Id(9)] double MaxDrawdownShare,
    [property: Id(10)] IReadOnlyList<BankrollPoint> Equity,
    [property: Id(11)] IReadOnlyDictionary<string, double> ProfitBySource,
    [property: Id(12)] double OpenStake = 0,
    [property: Id(13)] double PeakBankroll = 0
);
