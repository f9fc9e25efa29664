using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orleans.Betting.Agents;
using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Silo.Health;

/// <summary>The notification webhook's host answers HTTP (a HEAD; nothing is posted). Not configured: alerts go to the log.</summary>
public sealed class WebhookCheck(IOptionsMonitor<NotificationOptions> options, IHttpClientFactory http) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var node = AuditData.Node("notification");
        if (options.CurrentValue.Webhook is not { } url)
        {
            return HealthCheckResult.Degraded($"{NotificationOptions.WebhookUrlKey} is not set: alerts go to the log", data: node);
        }

        using var client = http.CreateClient("audit");
        client.Timeout = TimeSpan.FromSeconds(3);
        try
        {
            using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url), cancellationToken);
            return HealthCheckResult.Healthy($"{NotificationWebhook.Authority(url.ToString())} answered {(int)response.StatusCode}", node);
        }
        catch (HttpRequestException e)
        {
            // Only the authority: a webhook URL's path is a secret.
            return HealthCheckResult.Unhealthy($"{NotificationWebhook.Authority(url.ToString())}: {e.Message}", data: node);
        }
    }
}
