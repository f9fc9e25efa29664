using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Agents.Views;
using Orleans.Betting.Silo.Storage;
using Orleans.Betting.Storage;

namespace Orleans.Betting.Tests.Agents;

/// <summary>The Database agent's upkeep: what the store holds, read on its own timer, and the outliers it alerts on.</summary>
public sealed class StorageUpkeepTests
{
    private static StorageReport Report(IReadOnlyList<GrainTypeUsage> types, params StoredRecord[] largest) =>
        new("test", types, largest, 0, 5, types.Sum(t => t.Bytes), types.Sum(t => t.Rows), DateTime.UnixEpoch);

    private static StoredRecord Row(string type, string key, long bytes) => new(type, key, bytes, DateTime.UnixEpoch, 3);

    [Fact]
    public void ARecordTooLargeAHoardingGrainAndFastGrowthAreOutliers()
    {
        var report = Report(
            [
                new GrainTypeUsage("agent", 11, 3_000_000),
                new GrainTypeUsage("strategy", 200, 400_000),
                new GrainTypeUsage("ledger", 1, 30_000),
            ],
            Row("agent", "orchestrator", 2_500_000), // over 1 MiB
            Row("strategy", "elo-1", 150_000), // 75× the 2,000-byte mean of 200 strategies
            Row("strategy", "elo-2", 3_000),
            Row("ledger", "paper", 30_000) // one record: its own mean
        );
        var previous = new Dictionary<string, long> { ["agent"] = 1_000_000, ["strategy"] = 390_000 };
        var findings = StorageUpkeep.Find(report, previous, 1 << 20, 20, 0.5);

        Assert.Equal(
            [("record", "agent/orchestrator"), ("hoarding", "strategy/elo-1"), ("growth", "agent")],
            findings
                .Select(f => (f.Kind, f.Subject))
                .OrderBy(x =>
                    x.Item1 == "record" ? 0
                    : x.Item1 == "hoarding" ? 1
                    : 2
                )
        );
        Assert.Equal("2.4 MiB stored, over the 1.0 MiB a record may hold (version 3)", findings.Single(f => f.Kind == "record").Reason);
        Assert.StartsWith(
            "146.5 KiB, 75× its type's mean of 2.0 KiB over 200 records",
            findings.Single(f => f.Kind == "hoarding").Reason,
            StringComparison.Ordinal
        );
        Assert.StartsWith(
            "976.6 KiB → 2.9 MiB since the last reading (+200 %)",
            findings.Single(f => f.Kind == "growth").Reason,
            StringComparison.Ordinal
        );

        // Within limits: nothing; no baseline: no growth.
        Assert.Empty(StorageUpkeep.Find(report, new Dictionary<string, long>(), 10 << 20, 100, 0.5));
    }

    [Fact]
    public Task OnSqlite() =>
        UpkeepRunsOnItsTimerAndAlertsOnARecordOverTheLimit(
            DatabaseTarget.SqliteFile(Path.Combine(Path.GetTempPath(), $"upkeep-{Guid.NewGuid():N}.db"))
        );

    [PostgresFact]
    [Trait(Tier.Name, Tier.System)]
    public async Task OnPostgreSql() =>
        await UpkeepRunsOnItsTimerAndAlertsOnARecordOverTheLimit(
            DatabaseTarget.PostgreSql(await TestPostgres.CreateDatabaseAsync("upkeep"), "BETTING_TEST_POSTGRES")
        );

    private static async Task UpkeepRunsOnItsTimerAndAlertsOnARecordOverTheLimit(DatabaseTarget database)
    {
        await using var cluster = await StorageCluster.StartAsync(
            database,
            "storage-upkeep",
            1,
            new Dictionary<string, string?>
            {
                ["Betting:Agents:TickSecondsByAgent:database"] = "0.5",
                ["Betting:Agents:Database:UpkeepEveryTicks"] = "2",
                // Small enough that the agent's own record (about 200 bytes) is over it.
                ["Betting:Agents:Database:MaxRecordBytes"] = "100",
            }
        );
        var agent = cluster.Grains.Agent(AgentNames.Database);
        await agent.StartAsync("test");
        async Task<DatabaseView> View() => (await agent.GetStatusAsync()).MemoryAs<DatabaseView>();
        await Eventually.WaitAsync(
            async () => (await View()).Findings > 0,
            TimeSpan.FromSeconds(20),
            async () =>
                $"{await View()} types {string.Join("; ", (await View()).LargestTypes!)} tables {string.Join("; ", (await View()).LargestTables!)}"
        );

        var view = await View();
        Assert.True(view.StoredBytes > 0 && view.ScanMs > 0 && view.LastUpkeepUtc is not null, $"{view}");
        Assert.NotEmpty(view.LargestTypes!);
        // The tables on disk: ours by name on PostgreSQL (with their indexes), the file's pages or tables on SQLite.
        Assert.NotEmpty(view.LargestTables!);
        if (database.Engine == DatabaseEngine.PostgreSql)
        {
            Assert.Contains(view.LargestTables!, t => t.StartsWith("orleansstorage ", StringComparison.Ordinal));
        }

        var decision = (await agent.GetDecisionsAsync()).First(d => d.Kind == DecisionKind.StorageOutlier);
        Assert.Contains(
            decision.Reasons,
            r =>
                r.StartsWith("record agent/database: ", StringComparison.Ordinal)
                && r.Contains("over the 100 B a record may hold", StringComparison.Ordinal)
        );

        // Each outlier is raised once while it lasts (an alert to the Notification agent, durable in the outbox until it runs),
        // however many upkeeps still find it.
        var upkeeps = (await View()).LastUpkeepUtc!.Value;
        await Eventually.WaitAsync(async () => (await View()).LastUpkeepUtc > upkeeps.AddSeconds(2), TimeSpan.FromSeconds(20));
        Assert.Single(
            await agent.GetMessagesAsync(),
            m => m.Message.Subject == "alert" && m.Message.Body.Contains("Storage record: agent/database:", StringComparison.Ordinal)
        );
    }
}
