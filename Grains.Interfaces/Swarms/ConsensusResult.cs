namespace Orleans.Betting.Swarms;

[GenerateSerializer, Immutable]
[Alias("betting.ConsensusResult")]
public sealed record ConsensusResult(
    [property: Id(0)] DateTime ClockUtc,
    [property: Id(1)] int Matches,
    [property: Id(2)] int Voters,
    [property: Id(3)] IReadOnlyList<string> AbsentVoters,
    [property: Id(4)] IReadOnlyList<Pick> Picks,
    [property: Id(5)] double ElapsedMs,
    [property: Id(6)] int Rounds = 1,
    // Every second-round change (kept votes are not listed), and the voters that did not answer it in time (their first-round votes stand).
    [property: Id(7)] IReadOnlyList<Revision>? Revisions = null,
    [property: Id(8)] IReadOnlyList<string>? SilentInSecondRound = null
);
