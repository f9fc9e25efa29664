namespace Orleans.Betting.Agents.Views;

/// <summary>Market intelligence: the sports it watches, the steam and stale-line alerts it raised, the steam signals it holds for the orchestrator.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.views.MarketIntelligence")]
public sealed record MarketIntelligenceView(
    [property: Id(0)] IReadOnlyList<string> Sports,
    [property: Id(1)] long SteamAlerts,
    [property: Id(2)] long StaleAlerts = 0,
    [property: Id(3)] int SteamSignals = 0
) : AgentMemoryView
{
    public override IReadOnlyList<KeyValuePair<string, string>> Fields() =>
        [
            Field("sports", string.Join(",", Sports)),
            Field("steamAlerts", SteamAlerts),
            Field("staleAlerts", StaleAlerts),
            Field("steamSignals", SteamSignals),
        ];
}
