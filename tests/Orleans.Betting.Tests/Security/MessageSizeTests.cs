using Microsoft.Extensions.DependencyInjection;
using Orleans.Betting.Market;
using Orleans.Betting.Silo.Hosting;
using Orleans.Betting.Silo.Storage;

namespace Orleans.Betting.Tests.Security;

/// <summary>A message over the silo's body limit (16 MB, not Orleans' 100 MB) is refused at the transport, and the silo keeps serving.</summary>
public sealed class MessageSizeTests
{
    [Fact]
    public async Task AnOversizedMessageIsRefusedAndTheSiloKeepsServing()
    {
        using var dir = new TempDirectory("message-size");
        await using var cluster = await StorageCluster.StartAsync(
            DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "a.db")),
            "message-size"
        );
        var importer = cluster.Grains.GetGrain<IMarketImportGrain>(0);

        // Accepted, 16 MB of zeros would be answered at once with a report of an unreadable file; refused
        // at the transport, the call never gets an answer (given up here after 5 s, not Orleans' 30).
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAnyAsync<Exception>(() =>
            importer.ImportCsvAsync("huge.csv", new byte[SiloSettings.MaxMessageBodyBytes + 1024], giveUp.Token)
        );

        // The connection it came on was closed; the silo itself goes on serving (asked from inside it,
        // without waiting for the client to reconnect).
        var silo = (
            (Orleans.TestingHost.InProcessSiloHandle)cluster.Cluster.Primary!
        ).SiloHost.Services.GetRequiredService<IGrainFactory>();
        Assert.Single(await silo.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true));
    }
}
