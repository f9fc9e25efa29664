using Orleans.Concurrency;

namespace Orleans.Betting.Ledger;

/// <summary>The paper-trading ledger (key "paper"): bankroll, open and settled bets, equity path; persisted.</summary>
public interface ILedgerGrain : IGrainWithStringKey
{
    const string Paper = "paper";

    /// <summary>Places the bets; a bet id already in the ledger is never placed twice.</summary>
    Task<PlaceResult> PlaceAsync(IReadOnlyList<PaperBet> bets);

    /// <summary>Settles every open bet whose match has a result in the market data and kicked off before the clock.</summary>
    Task<SettleResult> SettleAsync(DateTime clockUtc);

    /// <summary>Voids the open bets on the matches (stakes returned), each with its reason; returns how many.</summary>
    Task<int> VoidAsync(IReadOnlyList<Market.LiveVoid> voids, DateTime clockUtc);

    [AlwaysInterleave]
    [ClientReadable]
    Task<IReadOnlyList<PaperBet>> GetBetsAsync();

    [AlwaysInterleave]
    [ClientReadable]
    Task<LedgerReport> GetReportAsync();
}
