namespace Orleans.Betting.Market;

[GenerateSerializer, Immutable]
[Alias("betting.LiveBoard")]
public sealed record LiveBoard(
    [property: Id(0)] string Sport,
    [property: Id(1)] IReadOnlyList<LiveEventView> Events,
    [property: Id(2)] long Polls,
    [property: Id(3)] DateTime? LastPollUtc,
    [property: Id(4)] string? LastError,
    [property: Id(5)] LivePollRequest? Polling,
    [property: Id(6)] double? PollSeconds,
    [property: Id(7)] IReadOnlyDictionary<string, DateTime>? BookmakerUpdates = null,
    [property: Id(8)] double Slowdown = 1,
    [property: Id(9)] string? SlowdownReason = null
);
