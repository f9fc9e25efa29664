namespace Orleans.Betting.Market;

/// <summary>
/// One poll's view of a live event, mapped (league and history team names when known) and read into
/// back prices; <see cref="MatchId"/> is the identity the sport's store assigned when the natural one
/// (league, season, date, teams) was already held by another event.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.LiveObservation")]
public sealed record LiveObservation(
    [property: Id(0)] string EventId,
    [property: Id(1)] string SportKey,
    [property: Id(2)] string? League,
    [property: Id(3)] string? Home,
    [property: Id(4)] string? Away,
    [property: Id(5)] string ProviderHome,
    [property: Id(6)] string ProviderAway,
    [property: Id(7)] DateTime CommenceUtc,
    [property: Id(8)] bool TwoWay,
    [property: Id(9)] IReadOnlyList<LiveQuote> Quotes,
    [property: Id(10)] DateTime ObservedUtc,
    [property: Id(11)] TimeSpan FirstLead,
    [property: Id(12)] string? MatchId = null
);

/// <summary>Where a live event stands, for the sport's index and for status.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.LiveEventSummary")]
public sealed record LiveEventSummary(
    [property: Id(0)] string EventId,
    [property: Id(1)] string? MatchId,
    [property: Id(2)] string? League,
    [property: Id(3)] string Season,
    [property: Id(4)] DateTime CommenceUtc,
    [property: Id(5)] LiveEventStatus Status,
    [property: Id(6)] bool Mapped,
    [property: Id(7)] DateTime? LastDecisionUtc,
    [property: Id(8)] DateTime? LastQuoteUtc,
    [property: Id(9)] DateTime? SettledUtc,
    [property: Id(10)] string? VoidReason,
    [property: Id(11)] string Fixture
);

/// <summary>A live event's state after a step, and its market-store match when mapped.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.LiveMatchUpdate")]
public sealed record LiveMatchUpdate(
    [property: Id(0)] LiveEventSummary Summary,
    [property: Id(1)] MatchRecord? Match,
    [property: Id(2)] string? Problem = null
);
