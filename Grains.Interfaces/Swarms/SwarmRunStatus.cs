namespace Orleans.Betting.Swarms;

[GenerateSerializer, Immutable]
[Alias("betting.SwarmRunStatus")]
public sealed record SwarmRunStatus(
    [property: Id(0)] string RunId,
    [property: Id(1)] SwarmPhase Phase,
    [property: Id(2)] SwarmProgress Progress,
    [property: Id(3)] SwarmRunRequest? Request,
    [property: Id(4)] GenerationResult? Generation,
    [property: Id(5)] IReadOnlyList<ValidationOutcome> Validation,
    [property: Id(6)] IReadOnlyList<string> Deployed,
    [property: Id(7)] ConsensusResult? Consensus,
    [property: Id(8)] string? Error,
    [property: Id(9)] DateTime? StartedUtc,
    [property: Id(10)] DateTime? FinishedUtc,
    [property: Id(11)] int Resumes
);
