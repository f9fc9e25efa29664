using System.Text.Json.Serialization;

namespace Orleans.Betting.ExternalApis;

[GenerateSerializer, Immutable]
[Alias("betting.OddsMarket")]
public sealed record OddsMarket(
    [property: Id(0), JsonPropertyName("key")] string Key,
    [property: Id(1), JsonPropertyName("last_update")] DateTime? LastUpdate,
    [property: Id(2), JsonPropertyName("outcomes")] IReadOnlyList<OddsOutcome> Outcomes
);
