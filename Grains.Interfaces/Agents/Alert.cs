using Orleans.Betting.Health;

namespace Orleans.Betting.Agents;

/// <summary>An alert for people: de-duplicated by key, sent through the webhook (console when none is configured).</summary>
[GenerateSerializer, Immutable]
[Alias("betting.Alert")]
public sealed record Alert(
    [property: Id(0)] string Key,
    [property: Id(1)] Severity Severity,
    [property: Id(2)] string Source,
    [property: Id(3)] string Text
);
