using System.Text.Json.Serialization;

namespace Orleans.Betting.ExternalApis;

/// <summary>The Odds API v4 shapes (../shared/docs/odds-api-v4.md); JSON names are the API's.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.OddsSport")]
public sealed record OddsSport(
    [property: Id(0), JsonPropertyName("key")] string Key,
    [property: Id(1), JsonPropertyName("group")] string Group,
    [property: Id(2), JsonPropertyName("title")] string Title,
    [property: Id(3), JsonPropertyName("description")] string? Description,
    [property: Id(4), JsonPropertyName("active")] bool Active,
    [property: Id(5), JsonPropertyName("has_outrights")] bool HasOutrights
);
