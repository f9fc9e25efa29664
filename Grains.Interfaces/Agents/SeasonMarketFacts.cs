namespace Orleans.Betting.Agents;

/// <summary>A completed league-season's market facts for the regime check.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.SeasonMarketFacts")]
public sealed record SeasonMarketFacts(
    [property: Id(0)] string Season,
    [property: Id(1)] int Matches,
    [property: Id(2)] int HomeWins,
    [property: Id(3)] double MeanBooksum,
    [property: Id(4)] double BooksumVariance,
    [property: Id(5)] SeasonQuality? Quality = null
);
