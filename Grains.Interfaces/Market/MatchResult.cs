namespace Orleans.Betting.Market;

[GenerateSerializer, Immutable]
[Alias("betting.MatchResult")]
public sealed record MatchResult(
    [property: Id(0)] int HomeGoals,
    [property: Id(1)] int AwayGoals,
    [property: Id(2)] int? HalfTimeHomeGoals,
    [property: Id(3)] int? HalfTimeAwayGoals
);
