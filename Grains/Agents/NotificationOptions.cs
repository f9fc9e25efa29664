using Orleans.Betting.Configuration;

namespace Orleans.Betting.Agents;

/// <summary>Alerts (<c>Betting:Notifications</c>): where they go and how often the same one may repeat.</summary>
public sealed class NotificationOptions : IValidatedOptions
{
    public const string Section = "Betting:Notifications";
    public const string WebhookUrlKey = Section + ":WebhookUrl";

    /// <summary>A Slack-compatible webhook; none configured means alerts go to the log.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The same alert key is sent at most once per cooldown.</summary>
    public double CooldownMinutes { get; set; } = 60;

    /// <summary>The shortest interval between two daily reports (a replayed day can be seconds).</summary>
    public double ReportMinSeconds { get; set; } = 60;

    /// <summary>Refusals of one alert by the webhook (HTTP 4xx) before it is dead-lettered; outages never dead-letter.</summary>
    public int MaxAttempts { get; set; } = 5;

    public Uri? Webhook => Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var uri) ? uri : null;

    public void Validate(OptionsProblems problems) =>
        problems
            .RequireHidden(
                string.IsNullOrWhiteSpace(WebhookUrl) || Webhook is { Scheme: "http" or "https" },
                nameof(WebhookUrl),
                "must be an absolute http(s) URL"
            )
            .AtLeast(nameof(CooldownMinutes), CooldownMinutes, 0)
            .AtLeast(nameof(ReportMinSeconds), ReportMinSeconds, 0)
            .AtLeast(nameof(MaxAttempts), MaxAttempts, 1);
}
