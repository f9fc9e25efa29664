namespace Orleans.Betting.Agents;

[GenerateSerializer]
[Alias("betting.CycleSummary")]
public sealed record CycleSummary(
    [property: Id(0)] int Cycle,
    [property: Id(1)] DateTime WindowStartUtc,
    [property: Id(2)] string? Arm,
    [property: Id(3)] int Candidates,
    [property: Id(4)] int Deployed,
    [property: Id(5)] int Picks,
    [property: Id(6)] int Bets,
    [property: Id(7)] int Vetoes
);
