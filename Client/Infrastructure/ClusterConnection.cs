using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Betting.Storage;
using Orleans.Configuration;

namespace Orleans.Betting.Client.Infrastructure;

/// <summary>An Orleans client connected to one of the given gateways, or a clear failure.</summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost host;

    private ClusterConnection(IHost host, ClusterTarget target)
    {
        this.host = host;
        Target = target;
        Grains = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Grains { get; }

    public ClusterTarget Target { get; }

    public static async Task<ClusterConnection> ConnectAsync(ClusterTarget target, CancellationToken cancellationToken)
    {
        var host = new HostBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .UseOrleansClient(client =>
            {
                client.UseStaticClustering(target.Gateways.ToArray());
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = target.ClusterId;
                    o.ServiceId = target.ServiceId;
                });
                client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(10));
                client.Services.AddDriverExceptions();
                // An operator certificate (--operator-cert, or a TLS certificate with OU=operator) signs this
                // client's operator calls; without one it only reads.
                Orleans.Betting.Security.OperatorSigning.AddOperatorSigning(
                    client,
                    new Orleans.Betting.Security.OperatorCredential
                    {
                        Certificate = target.Operator ?? Orleans.Betting.Security.OperatorCredential.IfOperator(target.Tls?.Local),
                    }
                );
                if (target.Tls is { } tls)
                {
                    client.UseTls(
                        tls.Local,
                        o =>
                        {
                            o.RemoteCertificateMode = Orleans.Connections.Security.RemoteCertificateMode.RequireCertificate;
                            o.RemoteCertificateValidation = (certificate, _, _) => tls.Trusts(certificate);
                        }
                    );
                }
            })
            .Build();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(target.ConnectTimeout);
        try
        {
            await host.StartAsync(timeout.Token);
            return new ClusterConnection(host, target);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            host.Dispose();
            var reason =
                e is OperationCanceledException ? $"no answer within {target.ConnectTimeout.TotalSeconds:F0} s" : e.Innermost().Message;
            throw new ClusterUnavailableException(
                $"No silo answered at {target.GatewayText} (cluster '{target.ClusterId}'): {reason}. "
                    + "Is a silo running? Start one with: dotnet run --project Silo"
            );
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await host.StopAsync(cts.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Leaving anyway; nothing to report to the operator.
        }

        host.Dispose();
    }
}

public sealed class ClusterUnavailableException(string message) : Exception(message);
