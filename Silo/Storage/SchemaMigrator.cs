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
        AddParameter(cmd, "k", InternalCallKeyName);
        try
        {
            return await cmd.ExecuteScalarAsync(ct) is string existing && existing == script.Checksum;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return false; // a fresh database
        }
    }

    /// <summary>
    /// Why the connected role could change the schema, or null when it cannot: a silo should run as a
    /// role that only reads and writes rows (PostgreSQL; a SQLite file has no roles).
    /// </summary>
    public static async Task<string?> DdlCapabilityAsync(DatabaseTarget target, CancellationToken cancellationToken = default)
    {
        if (target.Engine != DatabaseEngine.PostgreSql)
        {
            return null;
        }

        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText =
            "SELECT current_user, r.rolsuper, has_schema_privilege(current_schema(), 'CREATE'), has_database_privilege(current_database(), 'CREATE'), "
            + "EXISTS (SELECT 1 FROM pg_tables t WHERE t.tablename = 'orleansstorage' AND t.schemaname = current_schema() AND pg_has_role(t.tableowner, 'USAGE')) "
            + "FROM pg_roles r WHERE r.rolname = current_user";
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var role = reader.GetString(0);
        var why = new List<string>();
        if (reader.GetBoolean(1))
        {
            why.Add("is a superuser");
        }

        if (reader.GetBoolean(2))
        {
            why.Add("may create tables in the schema");
        }

        if (reader.GetBoolean(3))
        {
            why.Add("may create schemas in the database");
        }

        if (reader.GetBoolean(4))
        {
            why.Add("owns the tables (may alter or drop them)");
        }

        return why.Count == 0 ? null : $"database role '{role}' {string.Join(", ", why)}";
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
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", ct);

        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct); // BEGIN IMMEDIATE
        await ExecuteAsync(connection, tx, script.Schema, ct);
        await EnsureSecretAsync(
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
        await ExecuteAsync(connection, tx, $"SELECT pg_advisory_xact_lock({PostgreSqlLockKey});", ct);
        await ExecuteAsync(connection, tx, script.Schema, ct);
        await EnsureSecretAsync(
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
            await GrantRuntimeRoleAsync(connection, tx, runtimeRole, ct);
        }

        await tx.CommitAsync(ct);
        return changed;
    }

    /// <summary>Tables the silos only read (the queries they run, the schema record, shared secrets).</summary>
    private static readonly string[] ReadOnlyTables = ["orleansquery", "bettingschema", "bettingsecret"];

    /// <summary>Tables whose rows the silos write: grain state, membership, reminders.</summary>
    private static readonly string[] RowTables = ["orleansstorage", "orleansmembershipversion", "orleansmembership", "orleansreminders"];

    /// <summary>
    /// What a silo needs and nothing more: rows of the state, membership and reminder tables, and
    /// reading the rest. No CREATE, no ownership: the runtime role can change no table, and cannot
    /// rewrite the queries the silos run.
    /// </summary>
    private static async Task GrantRuntimeRoleAsync(DbConnection connection, DbTransaction tx, string role, CancellationToken ct)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(role, "^[A-Za-z_][A-Za-z0-9_]{0,62}$"))
        {
            throw new ArgumentException($"runtime role '{role}' is not a plain role name (letters, digits, underscores)");
        }

        await using (var exists = connection.CreateCommand())
        {
            exists.Transaction = tx;
            exists.CommandText = "SELECT rolsuper FROM pg_roles WHERE rolname = @r";
            AddParameter(exists, "r", role);
            switch (await exists.ExecuteScalarAsync(ct))
            {
                case null:
                    throw new ArgumentException(
                        $"runtime role '{role}' does not exist: create it first (CREATE ROLE {role} LOGIN PASSWORD ...)"
                    );
                case true:
                    throw new ArgumentException($"runtime role '{role}' is a superuser: the silos' role must not be");
            }
        }

        var quoted = $"\"{role}\"";
        await ExecuteAsync(
            connection,
            tx,
            $"DO $$ BEGIN EXECUTE format('GRANT USAGE ON SCHEMA %I TO {quoted}', current_schema()); END $$;",
            ct
        );
        await ExecuteAsync(connection, tx, $"GRANT SELECT ON {string.Join(", ", ReadOnlyTables)} TO {quoted};", ct);
        await ExecuteAsync(connection, tx, $"GRANT SELECT, INSERT, UPDATE, DELETE ON {string.Join(", ", RowTables)} TO {quoted};", ct);
    }

    /// <summary>Name of the key that stamps calls made inside the cluster (<see cref="Security.InternalCallStamp"/>).</summary>
    public const string InternalCallKeyName = "internal-calls";

    /// <summary>
    /// The silos' shared key for stamping their own calls, made once (32 random bytes) by the first
    /// migration and only read after that. Readable by the runtime role, never by a client.
    /// </summary>
    public static async Task<byte[]> ReadInternalCallKeyAsync(DatabaseTarget target, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection =
                target.Engine == DatabaseEngine.Sqlite
                    ? new SqliteConnection(target.ConnectionString)
                    : (DbConnection)new NpgsqlConnection(target.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var cmd = connection.CreateCommand();
            cmd.CommandText =
                target.Engine == DatabaseEngine.Sqlite
                    ? "SELECT Value FROM BettingSecret WHERE Name = @k"
                    : "SELECT value FROM bettingsecret WHERE name = @k";
            AddParameter(cmd, "k", InternalCallKeyName);
            return await cmd.ExecuteScalarAsync(cancellationToken) as byte[]
                ?? throw new DatabaseUnavailableException(
                    target,
                    new InvalidOperationException(
                        $"the secret '{InternalCallKeyName}' is missing: run the migration (Orleans.Betting.Silo migrate)"
                    )
                );
        }
        catch (Exception e)
            when (e is DbException or IOException or UnauthorizedAccessException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new DatabaseUnavailableException(target, e);
        }
    }

    private static async Task EnsureSecretAsync(DbConnection connection, DbTransaction tx, string insert, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = insert;
        AddParameter(cmd, "k", InternalCallKeyName);
        AddParameter(cmd, "t", System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await cmd.ExecuteNonQueryAsync(ct);
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
