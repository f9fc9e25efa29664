namespace Orleans.Betting.Strategies;

[GenerateSerializer, Immutable]
[Alias("betting.VoteRequest")]
public sealed record VoteRequest(
    [property: Id(0)] IReadOnlyList<string> Leagues,
    [property: Id(1)] IReadOnlyList<string> Seasons,
    [property: Id(2)] DateTime ClockUtc,
    [property: Id(3)] IReadOnlyList<string> MatchIds,
    // Re-read the seasons' versions now (live: the snapshots voted on were just published), not within the revalidation period.
    [property: Id(4)] bool Revalidate = false
);
