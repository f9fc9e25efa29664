namespace Orleans.Betting.Swarms;

/// <summary>What the client asks for: <c>swarm run --league E0 --train … --test … --candidates 200 --seed 7 --rule weighted</c>.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.SwarmRunRequest")]
public sealed record SwarmRunRequest(
    [property: Id(0)] IReadOnlyList<string> Leagues,
    [property: Id(1)] IReadOnlyList<string> TrainSeasons,
    [property: Id(2)] IReadOnlyList<string> TestSeasons,
    [property: Id(3)] int Candidates,
    [property: Id(4)] int Seed,
    [property: Id(5)] ConsensusRule Rule = ConsensusRule.Weighted,
    [property: Id(6)] double Quorum = 0.5,
    [property: Id(7)] int MaxDeployed = 5,
    [property: Id(8)] int VoteDeadlineMs = 2000,
    [property: Id(9)] double Bankroll = 1000,
    [property: Id(10)] int HorizonDays = 2,
    [property: Id(11)] bool DeployAndVote = true,
    [property: Id(12)] IReadOnlyList<string>? Parents = null,
    [property: Id(13)] Market.Phase? DecisionPhase = null,
    [property: Id(14)] TrialTally? PriorTrials = null,
    // What the gate judges by (CLV against the sharp close unless asked otherwise).
    [property: Id(15)] GateEvidence Evidence = GateEvidence.Clv,
    // The gate's level for this run: the one-shot default, or the orchestrator's share of its lifetime α.
    [property: Id(16)] double Alpha = 0.05,
    // How the search shares its ideas among families (the orchestrator's learning across cycles); null: evenly.
    [property: Id(17)] IReadOnlyDictionary<string, double>? FamilyWeights = null
);
