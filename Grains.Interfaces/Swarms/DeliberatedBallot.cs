namespace Orleans.Betting.Swarms;

/// <summary>A voter's second-round answer: the votes it stands by and what it changed.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.DeliberatedBallot")]
public sealed record DeliberatedBallot([property: Id(0)] IReadOnlyList<Vote> Votes, [property: Id(1)] IReadOnlyList<Revision> Revisions);
