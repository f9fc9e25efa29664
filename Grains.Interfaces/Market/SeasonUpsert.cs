namespace Orleans.Betting.Market;

[GenerateSerializer, Immutable]
[Alias("betting.SeasonUpsert")]
public sealed record SeasonUpsert(
    [property: Id(0)] string Key,
    [property: Id(1)] int Added,
    [property: Id(2)] int Updated,
    [property: Id(3)] int Unchanged,
    [property: Id(4)] int Total,
    [property: Id(5)] int Version
);
