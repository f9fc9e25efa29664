namespace Orleans.Betting.Swarms;

/// <summary>A match's first-round tally, best-scored selection first, and its dissent summary in words.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.MatchTally")]
public sealed record MatchTally(
    [property: Id(0)] string MatchId,
    [property: Id(1)] int Present,
    [property: Id(2)] IReadOnlyList<SelectionTally> Selections,
    [property: Id(3)] string Dissent
);
