using System.Text.Json.Serialization;

namespace Orleans.Betting.Api;

/// <summary>The Odds API v4 shapes (../shared/docs/odds-api-v4.md); JSON names are the API's.</summary>
[GenerateSerializer, Immutable]
public sealed record OddsSport(
    [property: Id(0), JsonPropertyName("key")] string Key,
    [property: Id(1), JsonPropertyName("group")] string Group,
    [property: Id(2), JsonPropertyName("title")] string Title,
    [property: Id(3), JsonPropertyName("description")] string? Description,
    [property: Id(4), JsonPropertyName("active")] bool Active,
    [property: Id(5), JsonPropertyName("has_outrights")] bool HasOutrights);

[GenerateSerializer, Immutable]
public sealed record OddsEvent(
    [property: Id(0), JsonPropertyName("id")] string Id,
    [property: Id(1), JsonPropertyName("sport_key")] string SportKey,
    [property: Id(2), JsonPropertyName("sport_title")] string? SportTitle,
    [property: Id(3), JsonPropertyName("commence_time")] DateTime CommenceTime,
    [property: Id(4), JsonPropertyName("home_team")] string HomeTeam,
    [property: Id(5), JsonPropertyName("away_team")] string AwayTeam,
    [property: Id(6), JsonPropertyName("bookmakers")] IReadOnlyList<OddsBookmaker>? Bookmakers);

[GenerateSerializer, Immutable]
public sealed record OddsBookmaker(
    [property: Id(0), JsonPropertyName("key")] string Key,
    [property: Id(1), JsonPropertyName("title")] string Title,
    [property: Id(2), JsonPropertyName("last_update")] DateTime LastUpdate,
    [property: Id(3), JsonPropertyName("markets")] IReadOnlyList<OddsMarket> Markets);

[GenerateSerializer, Immutable]
public sealed record OddsMarket(
    [property: Id(0), JsonPropertyName("key")] string Key,
    [property: Id(1), JsonPropertyName("last_update")] DateTime? LastUpdate,
    [property: Id(2), JsonPropertyName("outcomes")] IReadOnlyList<OddsOutcome> Outcomes);

[GenerateSerializer, Immutable]
public sealed record OddsOutcome(
    [property: Id(0), JsonPropertyName("name")] string Name,
    [property: Id(1), JsonPropertyName("price")] double Price,
    [property: Id(2), JsonPropertyName("point")] double? Point);

[GenerateSerializer, Immutable]
public sealed record ScoreEvent(
    [property: Id(0), JsonPropertyName("id")] string Id,
    [property: Id(1), JsonPropertyName("sport_key")] string SportKey,
    [property: Id(2), JsonPropertyName("commence_time")] DateTime CommenceTime,
    [property: Id(3), JsonPropertyName("completed")] bool Completed,
    [property: Id(4), JsonPropertyName("home_team")] string HomeTeam,
    [property: Id(5), JsonPropertyName("away_team")] string AwayTeam,
    [property: Id(6), JsonPropertyName("scores")] IReadOnlyList<TeamScore>? Scores,
    [property: Id(7), JsonPropertyName("last_update")] DateTime? LastUpdate);

[GenerateSerializer, Immutable]
public sealed record TeamScore(
    [property: Id(0), JsonPropertyName("name")] string Name,
    [property: Id(1), JsonPropertyName("score")] string Score);

/// <summary>The credits the API reports on every response (x-requests-remaining / -used / -last).</summary>
[GenerateSerializer, Immutable]
public sealed record QuotaHeaders(
    [property: Id(0)] long? Remaining,
    [property: Id(1)] long? Used,
    [property: Id(2)] long? Last);
