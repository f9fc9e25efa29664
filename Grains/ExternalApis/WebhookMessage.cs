using System.Text.Json.Serialization;

namespace Orleans.Betting.ExternalApis;

/// <summary>A webhook message: Slack-compatible (<c>text</c>), with our structured fields beside it.</summary>
public sealed record WebhookMessage(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("atUtc")] DateTime AtUtc
);
