namespace Orleans.Betting.Agents.Views;

/// <summary>Market intelligence: the sports it watches and the steam alerts it raised.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.views.MarketIntelligence")]
public sealed record MarketIntelligenceView([property: Id(0)] IReadOnlyList<string> Sports, [property: Id(1)] long SteamAlerts)
    : AgentMemoryView
{
    public override IReadOnlyList<KeyValuePair<string, string>> Fields() =>
        [Field("sports", string.Join(",", Sports)), Field("steamAlerts", SteamAlerts)];
}
