using System.Text.Json.Serialization;

namespace Orleans.Betting.ExternalApis;

[GenerateSerializer, Immutable]
[Alias("betting.TeamScore")]
public sealed record TeamScore(
    [property: Id(0), JsonPropertyName("name")] string Name,
    [property: Id(1), JsonPropertyName("score")] string Score
);
