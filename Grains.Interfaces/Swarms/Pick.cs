using Orleans.Betting.Market;

namespace Orleans.Betting.Swarms;

[GenerateSerializer, Immutable]
[Alias("betting.Pick")]
public sealed record Pick(
    [property: Id(0)] string MatchId,
    [property: Id(1)] DateTime KickoffUtc,
    [property: Id(2)] Selection Selection,
    [property: Id(3)] double Price,
    [property: Id(4)] QuoteSource Source,
    [property: Id(5)] double Probability,
    [property: Id(6)] double Edge,
    [property: Id(7)] string Tier,
    [property: Id(8)] double Stake,
    [property: Id(9)] int VotesFor,
    [property: Id(10)] int VotesAgainst,
    [property: Id(11)] int Absent,
    [property: Id(12)] double Score,
    [property: Id(13)] IReadOnlyList<string>? Backers = null
);
