namespace Orleans.Betting.Agents;

[GenerateSerializer, Immutable]
[Alias("betting.SeasonSpan")]
public sealed record SeasonSpan(
    [property: Id(0)] string Season,
    [property: Id(1)] DateTime FirstKickoffUtc,
    [property: Id(2)] DateTime LastKickoffUtc,
    [property: Id(3)] int Matches
);
