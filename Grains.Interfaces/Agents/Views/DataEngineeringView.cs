namespace Orleans.Betting.Agents.Views;

/// <summary>Data engineering: the market it prepared and how many season facts it caches.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.views.DataEngineering")]
public sealed record DataEngineeringView([property: Id(0)] string? Market, [property: Id(1)] int CachedFacts) : AgentMemoryView
{
    public override IReadOnlyList<KeyValuePair<string, string>> Fields() =>
        [Field("market", Market ?? "not prepared"), Field("cachedFacts", CachedFacts)];
}
