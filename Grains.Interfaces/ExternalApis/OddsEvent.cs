using System.Text.Json.Serialization;

namespace Orleans.Betting.ExternalApis;

[GenerateSerializer, Immutable]
[Alias("betting.OddsEvent")]
public sealed record OddsEvent(
    [property: Id(0), JsonPropertyName("id")] string Id,
    [property: Id(1), JsonPropertyName("sport_key")] string SportKey,
    [property: Id(2), JsonPropertyName("sport_title")] string? SportTitle,
    [property: Id(3), JsonPropertyName("commence_time")] DateTime CommenceTime,
    [property: Id(4), JsonPropertyName("home_team")] string HomeTeam,
    [property: Id(5), JsonPropertyName("away_team")] string AwayTeam,
    [property: Id(6), JsonPropertyName("bookmakers")] IReadOnlyList<OddsBookmaker>? Bookmakers
);
