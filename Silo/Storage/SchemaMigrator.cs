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

    public static async Task<MigrationReport> ApplyAsync(DatabaseTarget target, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var script = SqlScripts.Load(target.Engine);
        try
        {
            var changed =
                target.Engine == DatabaseEngine.Sqlite
                    ? await ApplySqliteAsync(target, script, cancellationToken)
                    : await ApplyPostgreSqlAsync(target, script, cancellationToken);
            return new MigrationReport(target.Engine, target.DisplayName, script.Queries.Count, script.Checksum, changed, started.Elapsed);
        }
        catch (Exception e)
            when (e is DbException or IOException or UnauthorizedAccessException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new DatabaseUnavailableException(target, e);
        }
    }

    private static async Task<bool> ApplySqliteAsync(DatabaseTarget target, SqlScripts script, CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(target.DisplayName);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = new SqliteConnection(target.ConnectionString);
        await connection.OpenAsync(ct);

        // WAL lets readers proceed while one writer commits; it is a property of the file and
        // cannot be switched inside a transaction.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", ct);

        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct); // BEGIN IMMEDIATE
        await ExecuteAsync(connection, tx, script.Schema, ct);
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

    private static async Task<bool> ApplyPostgreSqlAsync(DatabaseTarget target, SqlScripts script, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, tx, $"SELECT pg_advisory_xact_lock({PostgreSqlLockKey});", ct);
        await ExecuteAsync(connection, tx, script.Schema, ct);
        var changed = await UpsertAsync(
            connection,
            tx,
            script,
            "INSERT INTO orleansquery (querykey, querytext) VALUES (@k, @t) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext WHERE orleansquery.querytext <> excluded.querytext",
            "SELECT checksum FROM bettingschema WHERE component = 'orleans'",
            "INSERT INTO bettingschema (component, checksum, appliedutc) VALUES ('orleans', @c, now()) ON CONFLICT (component) DO UPDATE SET checksum = excluded.checksum, appliedutc = excluded.appliedutc",
            ct
        );
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
            AddParameter(cmd, "k", key);
            AddParameter(cmd, "t", text);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await using (var write = connection.CreateCommand())
        {
            write.Transaction = tx;
            write.CommandText = writeChecksum;
            AddParameter(write, "c", script.Checksum);
            await write.ExecuteNonQueryAsync(ct);
        }

        return true;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static void AddParameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
