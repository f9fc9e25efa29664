using Microsoft.Data.Sqlite;
using Npgsql;
using Orleans.Betting.Silo.Storage;

namespace Orleans.Betting.Tests.Storage;

public sealed class SchemaMigratorTests
{
    private static readonly string[] StorageKeys = ["ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey"];
    private static readonly string[] ReminderKeys =
    [
        "ReadReminderRowsKey",
        "ReadRangeRows1Key",
        "ReadRangeRows2Key",
        "ReadReminderRowKey",
        "UpsertReminderRowKey",
        "DeleteReminderRowKey",
        "DeleteReminderRowsKey",
    ];
    private static readonly string[] ClusteringKeys =
    [
        "MembershipReadRowKey",
        "MembershipReadAllKey",
        "InsertMembershipVersionKey",
        "InsertMembershipKey",
        "UpdateMembershipKey",
        "UpdateIAmAlivetimeKey",
        "DeleteMembershipTableEntriesKey",
        "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey",
    ];

    [Fact]
    public void EmbeddedScriptsCarryEveryQueryKeyOrleansNeeds()
    {
        var sqlite = SqlScripts.Load(DatabaseEngine.Sqlite).Queries.Select(q => q.Key).ToHashSet();
        var postgres = SqlScripts.Load(DatabaseEngine.PostgreSql).Queries.Select(q => q.Key).ToHashSet();
        Assert.Superset(StorageKeys.Concat(ReminderKeys).ToHashSet(), sqlite);
        Assert.Superset(StorageKeys.Concat(ReminderKeys).Concat(ClusteringKeys).ToHashSet(), postgres);
    }

    [Fact]
    public async Task SqliteMigrationIsIdempotentAndSafeWhenSilosStartTogether()
    {
        using var dir = new TempDirectory("migrate");
        var target = DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "betting.db"));

        var reports = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => SchemaMigrator.ApplyAsync(target))));
        Assert.Equal(1, reports.Count(r => r.Changed));

        var again = await SchemaMigrator.ApplyAsync(target);
        Assert.False(again.Changed);

        await using var connection = new SqliteConnection(target.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM OrleansQuery";
        Assert.Equal((long)again.QueryCount, await cmd.ExecuteScalarAsync());
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await cmd.ExecuteScalarAsync());
    }

    [PostgresFact]
    [Trait(Tier.Name, Tier.System)]
    public async Task PostgresMigrationIsIdempotentAndSafeWhenSilosStartTogether()
    {
        var target = DatabaseTarget.PostgreSql(await TestPostgres.CreateDatabaseAsync("migrate"), "test");

        var reports = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => SchemaMigrator.ApplyAsync(target))));
        Assert.Equal(1, reports.Count(r => r.Changed));
        Assert.False((await SchemaMigrator.ApplyAsync(target)).Changed);

        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM OrleansQuery"; // unquoted, exactly as Orleans selects it
        Assert.Equal((long)reports[0].QueryCount, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task UnreachablePostgresIsReportedNamingTheSetting()
    {
        var port = FreePorts.Next(); // nothing listens there
        var target = DatabaseTarget.PostgreSql(
            $"Host=127.0.0.1;Port={port};Username=x;Password=secret-pw;Timeout=3",
            "ConnectionStrings:Betting"
        );
        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => SchemaMigrator.ApplyAsync(target));
        Assert.StartsWith("ConnectionStrings:Betting: cannot use PostgreSql database 127.0.0.1:" + port, error.Message);
        Assert.DoesNotContain("secret-pw", error.Message);
    }
}
