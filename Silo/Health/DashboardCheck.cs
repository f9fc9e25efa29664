using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orleans.Betting.Silo.Health;

/// <summary>The dashboard this silo serves answers over HTTP (200, or 401 when it asks for credentials).</summary>
public sealed class DashboardCheck(IServer server, IHttpClientFactory http) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var node = AuditData.Node("http", "cluster");
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return HealthCheckResult.Degraded("the HTTP server has no address yet", data: node);
        }

        var url = new UriBuilder(
            address
                .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
        )
        {
            Path = "/dashboard/",
        }.Uri;
        using var client = http.CreateClient("audit");
        client.Timeout = TimeSpan.FromSeconds(3);
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return (int)response.StatusCode is 200 or 401
            ? HealthCheckResult.Healthy($"{url} answered {(int)response.StatusCode}", node)
            : HealthCheckResult.Unhealthy($"{url} answered {(int)response.StatusCode}", data: node);
    }
}
