using System.Text.Json.Serialization;

namespace Orleans.Betting.ExternalApis;

[GenerateSerializer, Immutable]
[Alias("betting.ScoreEvent")]
public sealed record ScoreEvent(
    [property: Id(0), JsonPropertyName("id")] string Id,
    [property: Id(1), JsonPropertyName("sport_key")] string SportKey,
    [property: Id(2), JsonPropertyName("commence_time")] DateTime CommenceTime,
    [property: Id(3), JsonPropertyName("completed")] bool Completed,
    [property: Id(4), JsonPropertyName("home_team")] string HomeTeam,
    [property: Id(5), JsonPropertyName("away_team")] string AwayTeam,
    [property: Id(6), JsonPropertyName("scores")] IReadOnlyList<TeamScore>? Scores,
    [property: Id(7), JsonPropertyName("last_update")] DateTime? LastUpdate
);
