using Npgsql;
using Orleans.Betting.Silo.Storage;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Storage;

/// <summary>
/// The silos' database role (DESIGN §10): `migrate`, run as the role that owns the schema, grants a
/// runtime role rows and nothing else; a Cluster silo runs as that role, trades, and the role can
/// neither change a table nor rewrite the queries the silos run. Against a database nobody
/// migrated, a silo with that role stops and says to migrate first.
/// </summary>
[Collection(MachineWideCollection.Name)]
[Trait(Tier.Name, Tier.System)]
public sealed class RuntimeRoleTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task SilosRunAsARoleThatWritesRowsAndCannotChangeTheSchema()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (owner, app) = ($"t_owner_{suffix}", $"t_app_{suffix}");
        var admin = await TestPostgres.CreateDatabaseAsync("roles");
        var database = new NpgsqlConnectionStringBuilder(admin).Database!;
        await TestPostgres.ExecuteAsync(
            admin,
            $"CREATE ROLE {owner} LOGIN PASSWORD 'owner-pw'",
            $"CREATE ROLE {app} LOGIN PASSWORD 'app-pw'",
            $"ALTER DATABASE {database} OWNER TO {owner}",
            $"ALTER SCHEMA public OWNER TO {owner}"
        );
        string As(string role, string password) =>
            new NpgsqlConnectionStringBuilder(admin) { Username = role, Password = password }.ToString();
        var ownerConnection = As(owner, "owner-pw");
        var appConnection = As(app, "app-pw");

        // Before any migration, a silo running as the app role stops, saying what to do.
        using (var data = new TempDirectory("roles-early"))
        {
            await using var early = SiloProcess.Start(data.Path, SiloProcess.ClusterEnvironment(appConnection), ["--profile", "Cluster"]);
            Assert.Equal(3, await early.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("may not change it", early.Output);
            Assert.Contains("run `migrate` as the migration role first", early.Output);
        }

        // The migration role migrates and grants; a superuser or a missing role is refused as runtime role.
        using var migrateData = new TempDirectory("roles-migrate");
        await using (
            var missing = SiloProcess.Start(
                migrateData.Path,
                SiloProcess.ClusterEnvironment(ownerConnection),
                ["--profile", "Cluster", "--Betting:Database:RuntimeRole=nobody_here"],
                verb: "migrate"
            )
        )
        {
            Assert.Equal(2, await missing.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("runtime role 'nobody_here' does not exist", missing.Output);
        }

        await using (
            var migrate = SiloProcess.Start(
                migrateData.Path,
                SiloProcess.ClusterEnvironment(ownerConnection),
                ["--profile", "Cluster", $"--Betting:Database:RuntimeRole={app}"],
                verb: "migrate"
            )
        )
        {
            Assert.Equal(0, await migrate.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains($"runtime role '{app}' may read and write rows, and change no table", migrate.Output);
        }

        Assert.Null(await RuntimeRole.DdlCapabilityAsync(DatabaseTarget.PostgreSql(appConnection, "test")));
        Assert.Contains("owns the tables", await RuntimeRole.DdlCapabilityAsync(DatabaseTarget.PostgreSql(ownerConnection, "test")));

        // The silo runs as the app role: no DDL at start (the schema is current), no warning, and
        // it writes grain state, membership and reminders.
        using var siloData = new TempDirectory("roles-silo");
        await using var silo = SiloProcess.Start(siloData.Path, SiloProcess.ClusterEnvironment(appConnection), ["--profile", "Cluster"]);
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));
        await Eventually.WaitAsync(
            async () => (long)(await ScalarAsync(appConnection, "SELECT count(*) FROM orleansstorage"))! >= 3,
            TimeSpan.FromSeconds(60)
        );
        Assert.DoesNotContain("warning: database role", silo.Output);
        Assert.True((long)(await ScalarAsync(appConnection, "SELECT count(*) FROM orleansmembership"))! >= 1);

        // What the role cannot do, each refused by PostgreSQL itself.
        string[] refused =
        [
            "CREATE TABLE intruder (id int)",
            "CREATE SCHEMA intruder",
            "ALTER TABLE orleansstorage ADD COLUMN intruder int",
            "DROP TABLE orleansreminders",
            "TRUNCATE orleansstorage",
            "UPDATE orleansquery SET querytext = 'SELECT 1' WHERE querykey = 'ReadFromStorageKey'",
            "DELETE FROM bettingsecret",
            "UPDATE bettingschema SET checksum = 'x'",
        ];
        foreach (var sql in refused)
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => TestPostgres.ExecuteAsync(appConnection, sql));
            output.WriteLine($"{sql}: {error.SqlState} {error.MessageText}");
            Assert.True(
                error.SqlState is PostgresErrorCodes.InsufficientPrivilege,
                $"{sql}: expected a permission error, got {error.SqlState} {error.MessageText}"
            );
        }

        Assert.Equal(false, await ScalarAsync(appConnection, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        return await cmd.ExecuteScalarAsync();
    }
}
