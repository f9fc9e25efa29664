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

        await Assert.ThrowsAnyAsync<Exception>(() =>
            importer.ImportCsvAsync("huge.csv", new byte[SiloSettings.MaxMessageBodyBytes + 1024])
        );

        // The connection it came on was closed; the client reconnects and a read answers again.
        await Eventually.WaitAsync(
            async () =>
            {
                try
                {
                    return (await cluster.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == 1;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(60)
        );
    }
}
