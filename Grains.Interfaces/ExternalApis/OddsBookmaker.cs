using System.Text.Json.Serialization;

namespace Orleans.Betting.ExternalApis;

[GenerateSerializer, Immutable]
[Alias("betting.OddsBookmaker")]
public sealed record OddsBookmaker(
    [property: Id(0), JsonPropertyName("key")] string Key,
    [property: Id(1), JsonPropertyName("title")] string Title,
    [property: Id(2), JsonPropertyName("last_update")] DateTime LastUpdate,
    [property: Id(3), JsonPropertyName("markets")] IReadOnlyList<OddsMarket> Markets
);
