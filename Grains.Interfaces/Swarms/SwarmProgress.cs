namespace Orleans.Betting.Swarms;

[GenerateSerializer, Immutable]
[Alias("betting.SwarmProgress")]
public sealed record SwarmProgress(
    [property: Id(0)] SwarmPhase Phase,
    [property: Id(1)] int Done,
    [property: Id(2)] int Total,
    [property: Id(3)] string Detail
);
