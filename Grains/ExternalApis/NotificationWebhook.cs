using Microsoft.Extensions.Options;

namespace Orleans.Betting.ExternalApis;

/// <summary>Sends messages to the configured webhook through its resilient client; false when no webhook is configured.</summary>
public sealed class NotificationWebhook(INotificationWebhookApi api, IOptionsMonitor<Agents.NotificationOptions> options)
{
    /// <summary>The scheme and authority of the URL, the client's base address (a placeholder when none is configured).</summary>
    public static Uri Authority(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? new Uri(uri.GetLeftPart(UriPartial.Authority) + "/")
            : new Uri("http://127.0.0.1/");

    public bool Configured => options.CurrentValue.Webhook is not null;

    /// <summary>The webhook URL's query parameters, as given (the client's base address keeps only the authority).</summary>
    public static IDictionary<string, string> Query(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var parsed = System.Web.HttpUtility.ParseQueryString(uri.Query);
        return parsed.AllKeys.OfType<string>().ToDictionary(k => k, k => parsed[k] ?? "", StringComparer.Ordinal);
    }

    /// <exception cref="ExternalApiException">The webhook answered with an error after retries.</exception>
    public async Task<bool> SendAsync(WebhookMessage message, CancellationToken cancellationToken = default)
    {
        if (options.CurrentValue.Webhook is not { } uri)
        {
            return false;
        }

        using var response = await api.PostAsync(uri.AbsolutePath.TrimStart('/'), Query(uri), message, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ExternalApiException(
                ApiNames.Webhook,
                ApiFailure.HttpError,
                $"webhook {uri.GetLeftPart(UriPartial.Authority)}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}",
                (int)response.StatusCode
            );
        }

        return true;
    }
}
