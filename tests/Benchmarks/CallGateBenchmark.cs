using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Betting.Ledger;
using Orleans.Betting.Security;
using Orleans.Betting.Silo.Hosting;
using Orleans.Betting.Silo.Security;
using Orleans.Betting.Silo.Storage;

namespace Orleans.Betting.Benchmarks;

/// <summary>
/// What the operator gate costs (DESIGN §10): the same cheap operator call (a ledger void of
/// nothing: no write) made N times by C concurrent callers on an embedded silo without the gate,
/// then with it — from inside the silo (stamped) and from a client through the gateway (signed per
/// call with an operator certificate's key, verified by the silo). Ungated is the limit; the figures
/// are ratios to it measured in one run.
/// </summary>
public static class CallGateBenchmark
{
    public static async Task<object> RunAsync(int internalCalls, int clientCalls, int concurrency)
    {
        var certs = Path.Combine(Path.GetTempPath(), $"betting-gate-{Guid.NewGuid():N}");
        DevCertificates.Write(certs, ["silo"], [], TimeSpan.FromDays(1), ["bench"]);
        var authorities = TransportCertificates.LoadAuthorities(Path.Combine(certs, "ca.crt"), "operator");
        var operatorCertificate = TransportCertificates
            .Load(Path.Combine(certs, "bench.crt"), Path.Combine(certs, "bench.key"), Path.Combine(certs, "ca.crt"))
            .Local;
        try
        {
            var open = await MeasureAsync(25000, null, null, internalCalls, clientCalls, concurrency);
            var gated = await MeasureAsync(
                25100,
                new OperatorPolicy(authorities, OperatorAssertion.DefaultUnit),
                operatorCertificate,
                internalCalls,
                clientCalls,
                concurrency
            );
            return new
            {
                benchmark = "call-gate",
                internalCalls,
                clientCalls,
                concurrency,
                ungated = open,
                gated,
                internalRatio = Math.Round(gated.InternalPerSecond / open.InternalPerSecond, 3),
                clientRatio = Math.Round(gated.ClientPerSecond / open.ClientPerSecond, 3),
            };
        }
        finally
        {
            Directory.Delete(certs, recursive: true);
        }
    }

    public sealed record Figures(double InternalPerSecond, double ClientPerSecond, double ClientMeanMs);

    private static async Task<Figures> MeasureAsync(
        int port,
        OperatorPolicy? policy,
        System.Security.Cryptography.X509Certificates.X509Certificate2? operatorCertificate,
        int internalCalls,
        int clientCalls,
        int concurrency
    )
    {
        var dir = Path.Combine(Path.GetTempPath(), $"betting-gate-silo-{Guid.NewGuid():N}");
        var database = DatabaseTarget.SqliteFile(Path.Combine(dir, "betting.db"));
        await SchemaMigrator.ApplyAsync(database);
        var settings = new SiloSettings(
            HostingProfile.Embedded,
            dir,
            database,
            port,
            port + 1,
            null,
            "gate",
            "gate",
            null,
            Operators: policy,
            InternalCallKey: policy is null ? null : await Orleans.Betting.Silo.Security.InternalCallKey.ReadAsync(database)
        );
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddBettingGrainServices(builder.Configuration);
        builder.UseOrleans(silo => silo.ConfigureBetting(settings));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var inside = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ILedgerGrain>("gate");
            var internalRate = await RateAsync(inside, internalCalls, concurrency);

            using var client = new HostBuilder()
                .ConfigureLogging(l => l.ClearProviders())
                .UseOrleansClient(c =>
                {
                    c.UseLocalhostClustering(port + 1, "gate", "gate");
                    c.AddOperatorSigning(new OperatorCredential { Certificate = operatorCertificate });
                })
                .Build();
            await client.StartAsync();
            var outside = client.Services.GetRequiredService<IClusterClient>().GetGrain<ILedgerGrain>("gate");
            var clientRate = await RateAsync(outside, clientCalls, concurrency);
            await client.StopAsync();
            return new Figures(Math.Round(internalRate, 0), Math.Round(clientRate, 0), Math.Round(1000.0 * concurrency / clientRate, 3));
        }
        finally
        {
            await host.StopAsync();
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException) { }
        }
    }

    /// <summary>Calls per second over N calls (after a warm-up of 500) by C concurrent callers.</summary>
    private static async Task<double> RateAsync(ILedgerGrain ledger, int calls, int concurrency)
    {
        var now = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 500; i++)
        {
            await ledger.VoidAsync([], now);
        }

        var next = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(
            Enumerable
                .Range(0, concurrency)
                .Select(_ =>
                    Task.Run(async () =>
                    {
                        while (Interlocked.Increment(ref next) <= calls)
                        {
                            await ledger.VoidAsync([], now);
                        }
                    })
                )
        );
        return calls / clock.Elapsed.TotalSeconds;
    }
}
