namespace Orleans.Betting.Market;

[GenerateSerializer, Immutable]
[Alias("betting.SyntheticImportReport")]
public sealed record SyntheticImportReport(
    [property: Id(0)] int Seed,
    [property: Id(1)] string Plant,
    [property: Id(2)] IReadOnlyList<SeasonUpsert> Seasons,
    [property: Id(3)] int Matches,
    [property: Id(4)] int Quotes
);
