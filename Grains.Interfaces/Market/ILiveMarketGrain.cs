using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Market;

/// <summary>
/// The live market store of one sport (key: the odds API's sport key): every event the feed lists,
/// mapped to its league history; the prices per bookmaker with their times; the decision snapshots;
/// the close captured at commence; results from the scores endpoint. Mapped events join their
/// league-season grain as <see cref="MatchRecord"/>s when decided, closed and settled, so strategies,
/// the consensus and the ledger read live events exactly as they read history.
/// </summary>
public interface ILiveMarketGrain : IGrainWithStringKey
{
    /// <summary>Reads a poll's events (observed at the market time given).</summary>
    Task<LiveIngestReport> IngestAsync(IReadOnlyList<OddsEvent> events, DateTime observedUtc);

    /// <summary>
    /// The mapped events due a decision now (a decision lead has passed since their last one, kick-off
    /// not yet): each gets a fresh decision snapshot, published to its league-season before it is returned.
    /// </summary>
    Task<LiveDecisionBatch> DecideAsync(DateTime nowUtc);

    /// <summary>
    /// The taker has kept these decisions (saved them): they are not handed out again. Until then
    /// <see cref="DecideAsync"/> returns them again, while still before kick-off, so a taker that fails
    /// between taking and saving loses none (and, keyed by event and time, counts none twice).
    /// </summary>
    Task AcknowledgeAsync(IReadOnlyList<LiveDecision> decisions);

    /// <summary>The price a named source offers now, with the bookmaker and the quote's time; refused when stale or after commence.</summary>
    Task<LiveOffer> OfferAsync(string matchId, PriceSource source, Selection selection, DateTime nowUtc);

    /// <summary>Captures closes at commence, settles started events from the scores endpoint (only when some await a result), voids the overdue.</summary>
    Task<LiveSettleReport> SettleAsync(DateTime nowUtc, CancellationToken cancellationToken = default);

    [Orleans.Concurrency.AlwaysInterleave]
    [ClientReadable]
    Task<LiveSportStatus> GetStatusAsync();
}

[GenerateSerializer, Immutable]
[Alias("betting.LiveIngestReport")]
public sealed record LiveIngestReport(
    [property: Id(0)] string Sport,
    [property: Id(1)] int Events,
    [property: Id(2)] int Mapped,
    [property: Id(3)] int PriceChanges,
    [property: Id(4)] int SkippedQuotes,
    [property: Id(5)] IReadOnlyList<string> Problems,
    [property: Id(6)] int LineChanges = 0,
    [property: Id(7)] IReadOnlyList<SteamMove>? NewSteam = null
);

[GenerateSerializer, Immutable]
[Alias("betting.LiveDecision")]
public sealed record LiveDecision(
    [property: Id(0)] string EventId,
    [property: Id(1)] string MatchId,
    [property: Id(2)] string League,
    [property: Id(3)] string Season,
    [property: Id(4)] DateTime CommenceUtc,
    [property: Id(5)] DateTime DecisionUtc,
    [property: Id(6)] DateTime? LastQuoteUtc
);

[GenerateSerializer, Immutable]
[Alias("betting.LiveDecisionBatch")]
public sealed record LiveDecisionBatch(
    [property: Id(0)] IReadOnlyList<LiveDecision> Due,
    [property: Id(1)] IReadOnlyList<string> NotDecided
);

[GenerateSerializer, Immutable]
[Alias("betting.LiveOffer")]
public sealed record LiveOffer([property: Id(0)] LiveQuote? Quote, [property: Id(1)] string? Refusal);

[GenerateSerializer, Immutable]
[Alias("betting.LiveVoid")]
public sealed record LiveVoid([property: Id(0)] string MatchId, [property: Id(1)] string Reason);

[GenerateSerializer, Immutable]
[Alias("betting.LiveSettleReport")]
public sealed record LiveSettleReport(
    [property: Id(0)] string Sport,
    [property: Id(1)] int Closed,
    [property: Id(2)] int Settled,
    [property: Id(3)] IReadOnlyList<LiveVoid> Voided,
    [property: Id(4)] int Awaiting,
    [property: Id(5)] int UnknownScores,
    [property: Id(6)] string? ScoresError,
    [property: Id(7)] IReadOnlyList<string> Problems
);

[GenerateSerializer, Immutable]
[Alias("betting.LiveSportStatus")]
public sealed record LiveSportStatus(
    [property: Id(0)] string Sport,
    [property: Id(1)] string? League,
    [property: Id(2)] int Events,
    [property: Id(3)] int Mapped,
    [property: Id(4)] IReadOnlyList<string> Unmapped,
    [property: Id(5)] DateTime? LastPollUtc,
    [property: Id(6)] int Upcoming,
    [property: Id(7)] int Awaiting,
    [property: Id(8)] DateTime? NextDecisionUtc,
    [property: Id(9)] long Polls,
    [property: Id(10)] long SkippedQuotes,
    [property: Id(11)] long LayQuotes,
    [property: Id(12)] long BadPrices,
    [property: Id(13)] DateTime? LastScoresUtc,
    [property: Id(14)] string? ScoresError,
    [property: Id(15)] long Settled,
    [property: Id(16)] long Voided,
    [property: Id(17)] IReadOnlyList<string> RecentProblems,
    [property: Id(18)] IReadOnlyList<DateTime>? UpcomingKickoffs = null,
    [property: Id(19)] long Forgotten = 0
);
