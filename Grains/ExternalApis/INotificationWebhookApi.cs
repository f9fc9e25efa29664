using Refit;

namespace Orleans.Betting.ExternalApis;

/// <summary>The notification webhook (URL from Betting:Notifications:WebhookUrl); the path is passed through as configured.</summary>
public interface INotificationWebhookApi
{
    /// <param name="query">The URL's own query string, kept (some providers carry their token there).</param>
    [Post("/{**path}")]
    Task<HttpResponseMessage> PostAsync(
        string path,
        [Query] IDictionary<string, string> query,
        [Body] WebhookMessage message,
        CancellationToken cancellationToken = default
    );
}
