using Refit;

namespace Orleans.Betting.ExternalApis;

/// <summary>The notification webhook (URL from Betting:Notifications:WebhookUrl); the path is passed through as configured.</summary>
public interface INotificationWebhookApi
{
    [Post("/{**path}")]
    Task<HttpResponseMessage> PostAsync(string path, [Body] WebhookMessage message, CancellationToken cancellationToken = default);
}
