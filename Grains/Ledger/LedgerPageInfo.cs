namespace Orleans.Betting.Ledger;

/// <summary>A sealed page: its number, bet count and the span of its bets' kick-offs (to find a bet's id again).</summary>
[GenerateSerializer, Immutable]
[Alias("betting.LedgerPageInfo")]
public sealed record LedgerPageInfo(
    [property: Id(0)] int Number,
    [property: Id(1)] int Count,
    [property: Id(2)] DateTime FirstKickoffUtc,
    [property: Id(3)] DateTime LastKickoffUtc
);
