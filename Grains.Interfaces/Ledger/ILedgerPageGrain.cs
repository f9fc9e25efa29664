namespace Orleans.Betting.Ledger;

/// <summary>
/// A sealed page of a ledger's history (key "{ledger}/{number}"): settled bets and the equity points
/// of their time, written once (a retried seal writes the same page again) and read whole. Only the
/// ledger grain uses it; the ledger keeps running totals so its own record stays small.
/// </summary>
public interface ILedgerPageGrain : IGrainWithStringKey
{
    Task WriteAsync(LedgerPage page);

    Task<LedgerPage> ReadAsync();
}

[GenerateSerializer, Immutable]
[Alias("betting.LedgerPage")]
public sealed record LedgerPage([property: Id(0)] int Number, [property: Id(1)] PaperBet[] Bets, [property: Id(2)] BankrollPoint[] Equity);
