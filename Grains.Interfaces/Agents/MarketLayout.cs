namespace Orleans.Betting.Agents;

[GenerateSerializer, Immutable]
[Alias("betting.MarketLayout")]
public sealed record MarketLayout(
    [property: Id(0)] IReadOnlyList<string> Leagues,
    [property: Id(1)] IReadOnlyList<SeasonSpan> Seasons,
    [property: Id(2)] string Description,
    [property: Id(3)] IReadOnlyList<string> QualityIssues
);
