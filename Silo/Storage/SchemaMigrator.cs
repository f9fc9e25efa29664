using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Orleans.Betting.Silo.Storage;

/// <summary>
/// Applies our own schema (Silo/sql/{engine}/schema.sql) and Orleans' query texts
/// (Silo/sql/{engine}/queries/{QueryKey}.sql) to a database. Idempotent: every statement is
/// "if not exists" or an upsert. Safe when several silos start at once: SQLite serialises writers
/// with BEGIN IMMEDIATE; PostgreSQL takes a transaction-scoped advisory lock first.
/// </summary>
public static class SchemaMigrator
{
    /// <summary>Arbitrary but fixed: the advisory lock key all our silos agree on.</summary>
    private const long PostgreSqlLockKey = 0x0B3771_4E6;

    /// <summary>
    /// Brings the database to this build's schema. A PostgreSQL schema that is already current
    /// (its recorded checksum is this build's) is left alone without a single DDL statement, so
    /// silos can run as a role that may not change it; <paramref name="runtimeRole"/> (the
    /// <c>migrate</c> verb, run as the migration role) grants that role exactly what the silos need.
    /// </summary>
    public static async Task<MigrationReport> ApplyAsync(
        DatabaseTarget target,
        CancellationToken cancellationToken = default,
        string? runtimeRole = null
    )
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var script = SqlScripts.Load(target.Engine);
        MigrationReport Report(bool changed) =>
            new(target.Engine, target.DisplayName, script.Queries.Count, script.Checksum, changed, started.Elapsed)
            {
                RuntimeRole = runtimeRole,
            };
        try
        {
            if (target.Engine == DatabaseEngine.Sqlite)
            {
                return runtimeRole is null
                    ? Report(await ApplySqliteAsync(target, script, cancellationToken))
                    : throw new ArgumentException("a runtime role is PostgreSQL's: a SQLite file has no roles");
            }

            return runtimeRole is null && await IsCurrentAsync(target, script, cancellationToken)
                ? Report(false)
                : Report(await ApplyPostgreSqlAsync(target, script, runtimeRole, cancellationToken));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new DatabaseUnavailableException(
                target,
                new InvalidOperationException(
                    $"the schema is not this build's (checksum {script.Checksum}) and this role may not change it ({e.MessageText}): run `migrate` as the migration role first",
                    e
                )
            );
        }
        catch (Exception e)
            when (e is DbException or IOException or UnauthorizedAccessException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new DatabaseUnavailableException(target, e);
        }
    }

    /// <summary>True when the database records this build's checksum: nothing to apply.</summary>
    private static async Task<bool> IsCurrentAsync(DatabaseTarget target, SqlScripts script, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(ct);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText =
            "SELECT checksum FROM bettingschema WHERE component = 'orleans' AND EXISTS (SELECT 1 FROM bettingsecret WHERE name = @k)";
        SqlCommands.AddParameter(cmd, "k", Security.InternalCallKey.Name);
        try
        {
            return await cmd.ExecuteScalarAsync(ct) is string existing && existing == script.Checksum;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return false; // a fresh database
        }
    }

    private static async Task<bool> ApplySqliteAsync(DatabaseTarget target, SqlScripts script, CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(target.DisplayName);
        if (!string.IsNullOrEmpty(directory))
        {
            Security.PrivateFiles.CreateDirectory(directory);
        }

        await using var connection = new SqliteConnection(target.ConnectionString);
        await connection.OpenAsync(ct);
        // The file holds the internal-call key: readable by the silo's user only (SQLite gives its
        // -wal and -shm files the database file's mode).
        Security.PrivateFiles.Restrict(connection.DataSource, connection.DataSource + "-wal", connection.DataSource + "-shm");

        // WAL lets readers proceed while one writer commits; it is a property of the file and
        // cannot be switched inside a transaction.
        await SqlCommands.ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", ct);

        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct); // BEGIN IMMEDIATE
        await SqlCommands.ExecuteAsync(connection, tx, script.Schema, ct);
        await Security.InternalCallKey.EnsureAsync(
            connection,
            tx,
            "INSERT INTO BettingSecret (Name, Value) VALUES (@k, @t) ON CONFLICT (Name) DO NOTHING",
            ct
        );
        var changed = await UpsertAsync(
            connection,
            tx,
            script,
            "INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES (@k, @t) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText WHERE OrleansQuery.QueryText <> excluded.QueryText",
            "SELECT Checksum FROM BettingSchema WHERE Component = 'orleans'",
            "INSERT INTO BettingSchema (Component, Checksum, AppliedUtc) VALUES ('orleans', @c, strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (Component) DO UPDATE SET Checksum = excluded.Checksum, AppliedUtc = excluded.AppliedUtc",
            ct
        );
        await tx.CommitAsync(ct);
        return changed;
    }

    private static async Task<bool> ApplyPostgreSqlAsync(
        DatabaseTarget target,
        SqlScripts script,
        string? runtimeRole,
        CancellationToken ct
    )
    {
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await SqlCommands.ExecuteAsync(connection, tx, $"SELECT pg_advisory_xact_lock({PostgreSqlLockKey});", ct);
        await SqlCommands.ExecuteAsync(connection, tx, script.Schema, ct);
        await Security.InternalCallKey.EnsureAsync(
            connection,
            tx,
            "INSERT INTO bettingsecret (name, value) VALUES (@k, @t) ON CONFLICT (name) DO NOTHING",
            ct
        );
        var changed = await UpsertAsync(
            connection,
            tx,
            script,
            "INSERT INTO orleansquery (querykey, querytext) VALUES (@k, @t) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext WHERE orleansquery.querytext <> excluded.querytext",
            "SELECT checksum FROM bettingschema WHERE component = 'orleans'",
            "INSERT INTO bettingschema (component, checksum, appliedutc) VALUES ('orleans', @c, now()) ON CONFLICT (component) DO UPDATE SET checksum = excluded.checksum, appliedutc = excluded.appliedutc",
            ct
        );
        if (runtimeRole is not null)
        {
            await RuntimeRole.GrantAsync(connection, tx, runtimeRole, ct);
        }

        await tx.CommitAsync(ct);
        return changed;
    }

    private static async Task<bool> UpsertAsync(
        DbConnection connection,
        DbTransaction tx,
        SqlScripts script,
        string upsertQuery,
        string readChecksum,
        string writeChecksum,
        CancellationToken ct
    )
    {
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = tx;
            read.CommandText = readChecksum;
            if (await read.ExecuteScalarAsync(ct) is string existing && existing == script.Checksum)
            {
                return false;
            }
        }

        foreach (var (key, text) in script.Queries)
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = upsertQuery;
            SqlCommands.AddParameter(cmd, "k", key);
            SqlCommands.AddParameter(cmd, "t", text);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await using (var write = connection.CreateCommand())
        {
            write.Transaction = tx;
            write.CommandText = writeChecksum;
            SqlCommands.AddParameter(write, "c", script.Checksum);
            await write.ExecuteNonQueryAsync(ct);
        }

        return true;
    }
}
