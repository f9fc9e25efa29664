namespace Orleans.Betting.Market;

[GenerateSerializer, Immutable]
[Alias("betting.SyntheticMarketRequest")]
public sealed record SyntheticMarketRequest(
    [property: Id(0)] int Seed,
    [property: Id(1)] int Leagues,
    [property: Id(2)] IReadOnlyList<string> Seasons,
    [property: Id(3)] string Plant,
    [property: Id(4)] int TeamsPerLeague = 20,
    [property: Id(5)] MarketRealism Realism = MarketRealism.Classic
);
