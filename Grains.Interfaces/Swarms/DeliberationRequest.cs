namespace Orleans.Betting.Swarms;

/// <summary>
/// The second round: a voter's own first-round votes and the tallies of the matches it voted on where
/// others dissent. <paramref name="Deference"/> is how far a voter moves toward the sharp price when the
/// whole score is against it (0 never, 1 all the way).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.DeliberationRequest")]
public sealed record DeliberationRequest(
    [property: Id(0)] IReadOnlyList<Vote> Votes,
    [property: Id(1)] IReadOnlyList<MatchTally> Tallies,
    [property: Id(2)] double Deference
);
