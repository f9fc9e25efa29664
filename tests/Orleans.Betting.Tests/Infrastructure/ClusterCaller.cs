using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Betting.Cluster;
using Orleans.Configuration;

namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>
/// An Orleans client calling the cluster every 50 ms (a persisted grain, so its activation must
/// move when its silo goes), each call with a 5 s response timeout, retried on transient cluster
/// errors as the client's commands do (the retries are counted and reported); a call that still fails counts.
/// </summary>
public sealed class ClusterCaller : IAsyncDisposable
{
    private readonly IHost host;
    private readonly CancellationTokenSource stop = new();
    private readonly List<Call> calls = [];
    private Task? loop;

    private ClusterCaller(IHost host) => this.host = host;

    public sealed record Call(DateTime At, bool Ok, string? Error, int Retries);

    public IClusterClient Grains => host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterCaller> StartAsync(string gateways, bool call = true, string clusterId = "betting")
    {
        var host = new HostBuilder()
            .ConfigureLogging(l => l.ClearProviders())
            .UseOrleansClient(client =>
            {
                client.UseStaticClustering(gateways.Split(',').Select(IPEndPoint.Parse).ToArray());
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = "orleans-betting";
                });
                client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
            })
            .Build();
        await host.StartAsync();
        var caller = new ClusterCaller(host);
        caller.loop = call ? caller.RunAsync() : null;
        return caller;
    }

    private async Task RunAsync()
    {
        var grains = host.Services.GetRequiredService<IClusterClient>();
        while (!stop.IsCancellationRequested)
        {
            var attempts = 0;
            try
            {
                // As the client's commands read: a call lost with a silo (timed out, silo unavailable) is tried again, within 30 s.
                await Orleans.Betting.Client.Infrastructure.TransientCalls.ReadAsync(
                    () =>
                    {
                        attempts++;
                        return grains.GetGrain<IClusterJournalGrain>(IClusterJournalGrain.Key).GetAsync();
                    },
                    stop.Token,
                    TimeSpan.FromSeconds(30)
                );
                lock (calls)
                {
                    calls.Add(new Call(DateTime.UtcNow, true, null, attempts - 1));
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopped while a call waited to be tried again: it neither failed nor succeeded (one clean run
                // counted such a call, interrupted 2 s after the last restart, as a failure).
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                lock (calls)
                {
                    calls.Add(new Call(DateTime.UtcNow, false, $"{e.GetType().Name}: {e.Message}", attempts - 1));
                }
            }

            try
            {
                await Task.Delay(50, stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>The calls made so far (the loop goes on).</summary>
    public IReadOnlyList<Call> Calls()
    {
        lock (calls)
        {
            return calls.ToList();
        }
    }

    public async Task<IReadOnlyList<Call>> StopAsync()
    {
        stop.Cancel();
        if (loop is not null)
        {
            await loop.WaitAsync(TimeSpan.FromSeconds(10));
        }

        lock (calls)
        {
            return calls.ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        try
        {
            await host.StopAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // leaving anyway
        }

        host.Dispose();
    }
}
