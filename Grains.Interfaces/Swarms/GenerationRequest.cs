namespace Orleans.Betting.Swarms;

[GenerateSerializer, Immutable]
[Alias("betting.GenerationRequest")]
public sealed record GenerationRequest(
    [property: Id(0)] string RunId,
    [property: Id(1)] IReadOnlyList<string> Leagues,
    [property: Id(2)] IReadOnlyList<string> TrainSeasons,
    [property: Id(3)] int Candidates,
    [property: Id(4)] int Seed,
    [property: Id(5)] int Concurrency = 8,
    [property: Id(6)] int Keep = 12,
    [property: Id(7)] IReadOnlyList<string>? Parents = null,
    // Only strategies that decide at this phase (what the caller can trade); null = any.
    [property: Id(8)] Market.Phase? DecisionPhase = null,
    // Trials already run on the same split by earlier searches (the trial ledger).
    [property: Id(9)] TrialTally? PriorTrials = null,
    // The statistic fitness, selection and the trial tally use (the gate's own).
    [property: Id(10)] GateEvidence Evidence = GateEvidence.Clv,
    // How ideation shares the candidates among families (learned across cycles); null: evenly.
    [property: Id(11)] IReadOnlyDictionary<string, double>? FamilyWeights = null
);
