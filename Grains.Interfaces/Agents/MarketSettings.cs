namespace Orleans.Betting.Agents;

/// <summary>Which market the agents trade (Betting:Market:*): synthetic (seeded, optionally with a planted edge) or imported data.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.MarketSettings")]
public sealed record MarketSettings(
    [property: Id(0)] string Source,
    [property: Id(1)] int Seed,
    [property: Id(2)] string Plant,
    [property: Id(3)] IReadOnlyList<string> Leagues,
    [property: Id(4)] IReadOnlyList<string> Seasons,
    [property: Id(5)] int SyntheticLeagues = 1
);
