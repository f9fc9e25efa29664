using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Betting.Health;

namespace Orleans.Betting.Silo.Health;

/// <summary>The agents' stream provider: a message published on a probe stream reaches its subscriber grain.</summary>
public sealed class StreamProbeCheck(IClusterClient client, ILocalSiloDetails local) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var node = AuditData.Node("stream", "storage", "cluster");
        // By endpoint, not generation: a restarted silo resumes its one probe stream and subscription instead of adding another.
        var key = local.SiloAddress.Endpoint.ToString();
        var receiver = client.GetGrain<IStreamProbeGrain>(key);
        await receiver.EnsureSubscribedAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        var nonce = Guid.NewGuid().ToString("N");
        var clock = Stopwatch.StartNew();
        await client
            .GetStreamProvider(Agents.AgentBus.Provider)
            .GetStream<string>(StreamId.Create(HealthStreams.ProbeNamespace, key))
            .OnNextAsync(nonce)
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
