using System.Text.Json.Serialization;

namespace Orleans.Betting.ExternalApis;

[GenerateSerializer, Immutable]
[Alias("betting.OddsOutcome")]
public sealed record OddsOutcome(
    [property: Id(0), JsonPropertyName("name")] string Name,
    [property: Id(1), JsonPropertyName("price")] double Price,
    [property: Id(2), JsonPropertyName("point")] double? Point
);
