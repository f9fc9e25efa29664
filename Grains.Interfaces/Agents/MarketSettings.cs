namespace Orleans.Betting.Agents;

/// <summary>Which market the agents trade (Betting:Market:*): synthetic (seeded, optionally with a planted edge) or imported data.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.MarketSettings")]
public sealed record MarketSettings(
    [property: Id(0)] string SourceName,
    [property: Id(1)] int Seed,
    [property: Id(2)] string Plant,
    [property: Id(3)] IReadOnlyList<string> Leagues,
    [property: Id(4)] IReadOnlyList<string> Seasons,
    [property: Id(5)] int SyntheticLeagues = 1
)
{
    /// <summary>The settings of a market from this source (stored as the source's name, as rows written before the enum).</summary>
    public MarketSettings(
        MarketSource source,
        int seed,
        string plant,
        IReadOnlyList<string> leagues,
        IReadOnlyList<string> seasons,
        int syntheticLeagues = 1
    )
        : this(source.Name(), seed, plant, leagues, seasons, syntheticLeagues) { }

    /// <summary>The source (a replay's: synthetic or import).</summary>
    public MarketSource Source =>
        MarketSourceNames.TryParse(SourceName, out var source)
            ? source
            : throw new InvalidDataException($"stored market settings name an unknown source '{SourceName}'");
}
