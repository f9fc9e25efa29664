using Microsoft.Extensions.DependencyInjection;
using Orleans.Betting.Silo.Storage;
using Orleans.Storage;

namespace Orleans.Betting.Tests.Storage;

/// <summary>
/// Our own ADO.NET schema against Orleans' storage and reminder contract, through the real
/// providers in a TestingHost cluster: state survives a silo restart, optimistic concurrency holds,
/// cleared records go, reminders survive a restart and fire again. Run once per engine.
/// </summary>
public abstract class StorageContractTests
{
    protected abstract Task<DatabaseTarget> CreateDatabaseAsync();

    protected async Task GrainStateSurvivesSiloRestartCore()
    {
        var database = await CreateDatabaseAsync();
        var serviceId = $"svc-{Guid.NewGuid():N}";

        await using (var first = await StorageCluster.StartAsync(database, serviceId))
        {
            var notebook = first.Grains.GetGrain<INotebookGrain>("E0/2019-2020");
            await notebook.AppendAsync("opening prices imported");
            await notebook.AppendAsync("closing prices imported");
            Assert.Equal("2", await notebook.ETagAsync());
        }

        await using var second = await StorageCluster.StartAsync(database, serviceId);
        var reloaded = second.Grains.GetGrain<INotebookGrain>("E0/2019-2020");
        Assert.Equal(["opening prices imported", "closing prices imported"], await reloaded.ReadAsync());
        Assert.Equal("2", await reloaded.ETagAsync());

        // Another service id never sees this service's rows.
        await using var other = await StorageCluster.StartAsync(database, $"svc-{Guid.NewGuid():N}");
        Assert.Empty(await other.Grains.GetGrain<INotebookGrain>("E0/2019-2020").ReadAsync());
    }

    protected async Task OptimisticConcurrencyAndTombstonesCore()
    {
        var database = await CreateDatabaseAsync();
        await using var cluster = await StorageCluster.StartAsync(database, $"svc-{Guid.NewGuid():N}");
        var storage = cluster
            .Cluster.GetSiloServiceProvider(cluster.Cluster.Primary!.SiloAddress)
            .GetRequiredKeyedService<IGrainStorage>(StorageNames.Betting);

        // An integer key (NULL key extension) and a string key (extension = the key) both work.
        foreach (
            var grainId in new[]
            {
                GrainId.Create(GrainType.Create("contract"), GrainIdKeyExtensions.CreateIntegerKey(42)),
                GrainId.Create(GrainType.Create("contract"), IdSpan.Create("E0/2020-2021")),
            }
        )
        {
            var writer = new GrainState<NotebookState>(new NotebookState { Lines = ["a"] });
            await storage.WriteStateAsync("contract", grainId, writer);
            Assert.Equal("1", writer.ETag);
            Assert.True(writer.RecordExists);

            // A second first-writer (no ETag) must not create a duplicate row.
            var rival = new GrainState<NotebookState>(new NotebookState { Lines = ["rival"] });
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("contract", grainId, rival));

            writer.State!.Lines.Add("b");
            await storage.WriteStateAsync("contract", grainId, writer);
            Assert.Equal("2", writer.ETag);

            // A writer holding the old version loses.
            var stale = new GrainState<NotebookState>(new NotebookState { Lines = ["stale"] }, "1");
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("contract", grainId, stale));

            var reader = new GrainState<NotebookState>();
            await storage.ReadStateAsync("contract", grainId, reader);
            Assert.Equal(["a", "b"], reader.State!.Lines);
            Assert.Equal("2", reader.ETag);

            // A stale clear fails; a current one deletes the row (DeleteStateOnClear: retention leaves no tombstones).
            var staleClear = new GrainState<NotebookState>(new NotebookState(), "1") { RecordExists = true };
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("contract", grainId, staleClear));
            await storage.ClearStateAsync("contract", grainId, writer);
            Assert.Null(writer.ETag);
            Assert.False(writer.RecordExists);
            var afterClear = new GrainState<NotebookState>();
            await storage.ReadStateAsync("contract", grainId, afterClear);
            Assert.False(afterClear.RecordExists);
            Assert.Empty(afterClear.State!.Lines);
            Assert.Null(afterClear.ETag);

            // Written again, it starts afresh; the reader holding the deleted row's version can no longer clear or write.
            afterClear.State!.Lines.Add("reborn");
            await storage.WriteStateAsync("contract", grainId, afterClear);
            Assert.Equal("1", afterClear.ETag);
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("contract", grainId, reader));
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("contract", grainId, reader));
        }
    }

    protected async Task RemindersSurviveSiloRestartAndFireCore()
    {
        var database = await CreateDatabaseAsync();
        var serviceId = $"svc-{Guid.NewGuid():N}";
        var key = Guid.NewGuid();

        await using (var first = await StorageCluster.StartAsync(database, serviceId))
        {
            var probe = first.Grains.GetGrain<IReminderProbeGrain>(key);
            await probe.RegisterAsync("ingest-cycle", TimeSpan.FromSeconds(1));
            await probe.RegisterAsync("report-cycle", TimeSpan.FromMinutes(30));
            await probe.RegisterAsync("ingest-cycle", TimeSpan.FromSeconds(2)); // update in place, new version
            Assert.Equal(["ingest-cycle", "report-cycle"], await probe.ReminderNamesAsync());
        }

        await using var second = await StorageCluster.StartAsync(database, serviceId);
        var restarted = second.Grains.GetGrain<IReminderProbeGrain>(key);
        Assert.Equal(["ingest-cycle", "report-cycle"], await restarted.ReminderNamesAsync());

        // The restarted silo's reminder service reads its ring range from the table and fires it.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await restarted.TicksAsync() == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.True(await restarted.TicksAsync() > 0, "the reminder loaded from storage never fired after the restart");

        await restarted.UnregisterAllAsync();
        Assert.Empty(await restarted.ReminderNamesAsync());
    }
}

public sealed class SqliteStorageContractTests : StorageContractTests
{
    protected override Task<DatabaseTarget> CreateDatabaseAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"betting-sqlite-{Guid.NewGuid():N}");
        return Task.FromResult(DatabaseTarget.SqliteFile(Path.Combine(dir, "betting.db")));
    }

    [Fact]
    public Task GrainStateSurvivesSiloRestart() => GrainStateSurvivesSiloRestartCore();

    [Fact]
    public Task OptimisticConcurrencyAndTombstones() => OptimisticConcurrencyAndTombstonesCore();

    [Fact]
    public Task RemindersSurviveSiloRestartAndFire() => RemindersSurviveSiloRestartAndFireCore();

    /// <summary>
    /// SQLite has one writer. Grain writes are queued in-process (never left to Microsoft.Data.Sqlite's
    /// busy retry, which blocks a thread in 150 ms sleeps): hundreds of concurrent writes all land, each
    /// once, and the file never sees two writers at a time.
    /// </summary>
    [Fact]
    public async Task ConcurrentWritesToTheSqliteFileAreQueuedAndAllLand()
    {
        var database = await CreateDatabaseAsync();
        await using var cluster = await StorageCluster.StartAsync(database, $"svc-{Guid.NewGuid():N}");
        var storage = cluster
            .Cluster.GetSiloServiceProvider(cluster.Cluster.Primary!.SiloAddress)
            .GetRequiredKeyedService<IGrainStorage>(StorageNames.Betting);
        Assert.IsType<GatedGrainStorage>(storage);

        var gate = SqliteWriteGate.For(database.ConnectionString);
        var ids = Enumerable.Range(0, 300).Select(i => GrainId.Create(GrainType.Create("contract"), IdSpan.Create($"burst-{i}"))).ToList();
        var states = ids.Select(i => new GrainState<NotebookState>(new NotebookState { Lines = [i.ToString()] })).ToList();
        // Hold the file's gate ourselves: every write queues behind it, and none lands until we let go.
        // (Sampling the gate while writes run instead would race the writes on a busy machine.)
        await gate.WaitAsync();
        Task writes;
        try
        {
            writes = Task.WhenAll(ids.Select((id, i) => Task.Run(() => storage.WriteStateAsync("contract", id, states[i]))));
            var finished = await Task.WhenAny(writes, Task.Delay(TimeSpan.FromSeconds(1)));
            Assert.NotSame(writes, finished);
            Assert.All(states, s => Assert.Null(s.ETag));
        }
        finally
        {
            gate.Release();
        }
        await writes;

        Assert.All(states, s => Assert.Equal("1", s.ETag));
        Assert.Equal(1, gate.CurrentCount);
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var reader = new GrainState<NotebookState>();
            await storage.ReadStateAsync("contract", id, reader);
            Assert.Equal([id.ToString()], reader.State!.Lines);
        }
    }
}

[Trait(Tier.Name, Tier.System)]
public sealed class PostgresStorageContractTests : StorageContractTests
{
    protected override async Task<DatabaseTarget> CreateDatabaseAsync() =>
        DatabaseTarget.PostgreSql(await TestPostgres.CreateDatabaseAsync("storage"), "BETTING_TEST_POSTGRES");

    [PostgresFact]
    public Task GrainStateSurvivesSiloRestart() => GrainStateSurvivesSiloRestartCore();

    [PostgresFact]
    public Task OptimisticConcurrencyAndTombstones() => OptimisticConcurrencyAndTombstonesCore();

    [PostgresFact]
    public Task RemindersSurviveSiloRestartAndFire() => RemindersSurviveSiloRestartAndFireCore();
}
