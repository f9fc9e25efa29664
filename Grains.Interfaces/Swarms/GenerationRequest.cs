namespace Orleans.Betting.Swarms;

[GenerateSerializer, Immutable]
public sealed record GenerationRequest(
    [property: Id(0)] string RunId,
    [property: Id(1)] IReadOnlyList<string> Leagues,
    [property: Id(2)] IReadOnlyList<string> TrainSeasons,
    [property: Id(3)] int Candidates,
    [property: Id(4)] int Seed,
    [property: Id(5)] int Concurrency = 8,
    [property: Id(6)] int Keep = 12,
    [property: Id(7)] IReadOnlyList<string>? Parents = null
);
