using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Health;
using Orleans.Runtime;

namespace Orleans.Betting.Silo.Health;

/// <summary>Health-check data keys the auditor reads to place a check in the component graph.</summary>
public static class AuditData
{
    public const string Kind = "kind";
    public const string DependsOn = "dependsOn";

    public static IReadOnlyDictionary<string, object> Node(string kind, params string[] dependsOn) =>
        new Dictionary<string, object> { [Kind] = kind, [DependsOn] = dependsOn };
}

/// <summary>An external API through the worker pool, with a call that costs no quota.</summary>
public sealed class ApiProbeCheck(IGrainFactory grains, string api) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var node = AuditData.Node("api", "api-pool");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(8));
        var probe = await grains.GetGrain<IApiWorkerGrain>(0).ProbeAsync(api, cts.Token).WaitAsync(cts.Token);
        if (probe.Healthy)
        {
            return HealthCheckResult.Healthy($"{api}: {probe.Detail} in {probe.LatencyMs:F0} ms", node);
        }

        // Unreachable or failing with 5xx: Unhealthy — unless nothing here has used the API yet (an unused dependency is only Degraded).
        var broken = !probe.Reachable || probe.Detail.StartsWith("HTTP 5", StringComparison.Ordinal);
        var used = (await grains.GetGrain<IApiUsageGrain>(api).GetUsageAsync()).UpstreamAttempts > 0;
        return broken && used
            ? HealthCheckResult.Unhealthy($"{api}: {probe.Detail}", data: node)
            : HealthCheckResult.Degraded($"{api}: {probe.Detail}{(broken ? " (not used by this cluster yet)" : "")}", data: node);
    }
}

/// <summary>The pool the API probes go through: answers at all.</summary>
public sealed class ApiPoolCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var usage = await grains.GetGrain<IApiUsageGrain>(ApiNames.Odds).GetUsageAsync().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
        return HealthCheckResult.Healthy($"{usage.Requests} odds requests served", AuditData.Node("grains", "cluster"));
    }
}

/// <summary>The agents' stream provider: a message published on a probe stream reaches its subscriber grain.</summary>
public sealed class StreamProbeCheck(IClusterClient client, ILocalSiloDetails local) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var node = AuditData.Node("stream", "storage", "cluster");
        var key = local.SiloAddress.ToParsableString();
        var receiver = client.GetGrain<IStreamProbeGrain>(key);
        await receiver.EnsureSubscribedAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        var nonce = Guid.NewGuid().ToString("N");
        var clock = Stopwatch.StartNew();
        await client.GetStreamProvider(Agents.AgentBus.Provider).GetStream<string>(StreamId.Create(HealthStreams.ProbeNamespace, key)).OnNextAsync(nonce)
            .WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        while (clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            if (await receiver.LastReceivedAsync() == nonce)
            {
                return HealthCheckResult.Healthy($"probe message delivered in {clock.Elapsed.TotalMilliseconds:F0} ms", node);
            }

            await Task.Delay(25, cancellationToken);
        }

        return HealthCheckResult.Unhealthy("a probe message published 5 s ago has not arrived", data: node);
    }
}

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

        var url = new UriBuilder(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)) { Path = "/dashboard/" }.Uri;
        using var client = http.CreateClient("audit");
        client.Timeout = TimeSpan.FromSeconds(3);
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return (int)response.StatusCode is 200 or 401
            ? HealthCheckResult.Healthy($"{url} answered {(int)response.StatusCode}", node)
            : HealthCheckResult.Unhealthy($"{url} answered {(int)response.StatusCode}", data: node);
    }
}

/// <summary>The notification webhook's host answers HTTP (a HEAD; nothing is posted). Not configured: alerts go to the console.</summary>
public sealed class WebhookCheck(IConfiguration configuration, IHttpClientFactory http) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var node = AuditData.Node("notification");
        if (!Uri.TryCreate(configuration[Orleans.Betting.Agents.NotificationOptions.WebhookUrlKey], UriKind.Absolute, out var url))
        {
            return HealthCheckResult.Degraded($"{Orleans.Betting.Agents.NotificationOptions.WebhookUrlKey} is not set: alerts go to the console", data: node);
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
