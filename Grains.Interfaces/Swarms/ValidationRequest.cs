namespace Orleans.Betting.Swarms;

[GenerateSerializer, Immutable]
[Alias("betting.ValidationRequest")]
public sealed record ValidationRequest(
    [property: Id(0)] string RunId,
    [property: Id(1)] IReadOnlyList<CandidateResult> Candidates,
    [property: Id(2)] IReadOnlyList<string> Leagues,
    [property: Id(3)] IReadOnlyList<string> TrainSeasons,
    [property: Id(4)] IReadOnlyList<string> TestSeasons,
    [property: Id(5)] int Trials,
    [property: Id(7)] int Seed,
    // V for the deflated Sharpe ratio, from the same trials as Trials (N).
    [property: Id(8)] double SharpeVariance = 0,
    [property: Id(9)] GateEvidence Evidence = GateEvidence.Clv,
    // The holdout's level (the fixed sequence runs each candidate at this α).
    [property: Id(10)] double Alpha = 0.05
);
