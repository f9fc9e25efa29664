using Orleans.Betting.Ledger;
using Orleans.Betting.Market;
using Orleans.Betting.Silo.Storage;
using Orleans.Betting.Storage;

namespace Orleans.Betting.Tests.Storage;

/// <summary>
/// `storage` reads what the cluster stores from the grain-state table itself: rows and bytes per
/// grain type, the largest records, and the writes a minute from the rows' versions.
/// </summary>
[Trait(Tier.Name, Tier.System)]
public sealed class StorageReportTests
{
    private static readonly DateTime Kickoff = new(2031, 5, 10, 15, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task OnSqlite()
    {
        using var dir = new TempDirectory("storage-report");
        await TheReportCountsRowsBytesTheLargestRecordsAndTheWriteRate(DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "a.db")));
    }

    [PostgresFact]
    public async Task OnPostgreSql() =>
        await TheReportCountsRowsBytesTheLargestRecordsAndTheWriteRate(
            DatabaseTarget.PostgreSql(await TestPostgres.CreateDatabaseAsync("storagereport"), "BETTING_TEST_POSTGRES")
        );

    private static async Task TheReportCountsRowsBytesTheLargestRecordsAndTheWriteRate(DatabaseTarget database)
    {
        await using var cluster = await StorageCluster.StartAsync(database, "storage-report");
        PaperBet Bet(int i) =>
            new(
                $"r:{i}",
                $"X/2030-2031/{i}",
                "X",
                "2030-2031",
                Kickoff,
                $"Home{i} v Away",
                Selection.Parse("home"),
                2.1,
                PriceSource.Bet365,
                1,
                Kickoff.AddDays(-1),
                1
            );

        // Three ledgers, one much larger than the others.
        var big = cluster.Grains.GetGrain<ILedgerGrain>("report-big");
        await big.PlaceAsync(Enumerable.Range(0, 300).Select(Bet).ToList());
        await cluster.Grains.GetGrain<ILedgerGrain>("report-a").PlaceAsync([Bet(1000)]);
        await cluster.Grains.GetGrain<ILedgerGrain>("report-b").PlaceAsync([Bet(1001)]);

        // Writes go on while the report measures: one ledger write every 50 ms.
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var i = 2000;
            while (!stop.IsCancellationRequested)
            {
                await cluster.Grains.GetGrain<ILedgerGrain>("report-a").PlaceAsync([Bet(i++)]);
                await Task.Delay(50);
            }
        });
        var report = await cluster.Grains.GetGrain<IStorageReportGrain>(0).GetAsync();
        await stop.CancelAsync();
        await writer;

        var ledgers = Assert.Single(report.GrainTypes, t => t.Type.Contains("ledger", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(3, ledgers.Rows);
        var largest = report.Largest[0];
        Assert.Equal(("report-big", ledgers.Type), (largest.Key, largest.Type));
        Assert.True(largest.Bytes > 300 * 50, $"the 300-bet ledger is {largest.Bytes} bytes");
        Assert.True(report.Largest.Zip(report.Largest.Skip(1)).All(p => p.First.Bytes >= p.Second.Bytes));
        Assert.True(largest.LastWriteUtc > DateTime.UtcNow.AddMinutes(-5) && largest.LastWriteUtc <= DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(report.GrainTypes.Sum(t => t.Bytes), report.TotalBytes);
        // About 20 writes a second for 5 s; at least a few hundred a minute however slow the machine.
        Assert.InRange(report.WritesPerMinute, 120, 20 * 60 * 2);
    }
}
