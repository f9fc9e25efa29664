using Orleans.Betting.Market;

namespace Orleans.Betting.Agents;

/// <summary>
/// A steam move MarketIntelligence saw on a live event, in our terms: the selection it moved, which way
/// ("shortening": the outcome became more likely; "drifting": less), the consensus probability before and
/// after, and when it was detected (market time). The orchestrator reads these before it places a bet.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.SteamSignal")]
public sealed record SteamSignal(
    [property: Id(0)] string Sport,
    [property: Id(1)] string EventId,
    [property: Id(2)] Selection Selection,
    [property: Id(3)] string Kind,
    [property: Id(4)] double FromProbability,
    [property: Id(5)] double ToProbability,
    [property: Id(6)] DateTime DetectedUtc,
    [property: Id(7)] string Text
);
