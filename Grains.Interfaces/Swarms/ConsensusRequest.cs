namespace Orleans.Betting.Swarms;

[GenerateSerializer, Immutable]
[Alias("betting.ConsensusRequest")]
public sealed record ConsensusRequest(
    [property: Id(0)] IReadOnlyList<string> StrategyIds,
    [property: Id(1)] IReadOnlyList<string> Leagues,
    [property: Id(2)] IReadOnlyList<string> Seasons,
    [property: Id(3)] DateTime ClockUtc,
    [property: Id(4)] int HorizonDays,
    [property: Id(5)] ConsensusRule Rule,
    [property: Id(6)] double Quorum,
    [property: Id(7)] int DeadlineMs,
    [property: Id(8)] double Bankroll,
    [property: Id(9)] double OpenExposure = 0,
    // Live trading has just published the decision snapshots it asks about: every voter re-reads the seasons' versions.
    [property: Id(10)] bool FreshData = false,
    // A second round: each voter sees the first round's tally and dissent and may revise; the rule decides on the final round.
    [property: Id(11)] bool Deliberate = false,
    // How far a voter with the whole score against it moves toward the sharp price in the second round.
    [property: Id(12)] double Deference = 0.5
);
