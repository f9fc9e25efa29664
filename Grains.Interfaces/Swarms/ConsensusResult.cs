namespace Orleans.Betting.Swarms;

[GenerateSerializer, Immutable]
[Alias("betting.ConsensusResult")]
public sealed record ConsensusResult(
    [property: Id(0)] DateTime ClockUtc,
    [property: Id(1)] int Matches,
    [property: Id(2)] int Voters,
    [property: Id(3)] IReadOnlyList<string> AbsentVoters,
    [property: Id(4)] IReadOnlyList<Pick> Picks,
    [property: Id(5)] double ElapsedMs
);
