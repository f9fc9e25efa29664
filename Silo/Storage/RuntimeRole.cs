using System.Data.Common;
using Npgsql;

namespace Orleans.Betting.Silo.Storage;

/// <summary>
/// The PostgreSQL role the silos run as: granted rows of the tables they write and reading of the rest by the
/// <c>migrate</c> verb, and checked at start-up for the power to change the schema (which it should not have).
/// </summary>
public static class RuntimeRole
{
    /// <summary>Tables the silos only read (the queries they run, the schema record, shared secrets).</summary>
    private static readonly string[] ReadOnlyTables = ["orleansquery", "bettingschema", "bettingsecret"];

    /// <summary>Tables whose rows the silos write: grain state, membership, reminders.</summary>
    private static readonly string[] RowTables = ["orleansstorage", "orleansmembershipversion", "orleansmembership", "orleansreminders"];

    /// <summary>
    /// What a silo needs and nothing more: rows of the state, membership and reminder tables, and
    /// reading the rest. No CREATE, no ownership: the runtime role can change no table, and cannot
    /// rewrite the queries the silos run.
    /// </summary>
    public static async Task GrantAsync(DbConnection connection, DbTransaction tx, string role, CancellationToken ct)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(role, "^[A-Za-z_][A-Za-z0-9_]{0,62}$"))
        {
            throw new ArgumentException($"runtime role '{role}' is not a plain role name (letters, digits, underscores)");
        }

        await using (var exists = connection.CreateCommand())
        {
            exists.Transaction = tx;
            exists.CommandText = "SELECT rolsuper FROM pg_roles WHERE rolname = @r";
            SqlCommands.AddParameter(exists, "r", role);
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
        await SqlCommands.ExecuteAsync(
            connection,
            tx,
            $"DO $$ BEGIN EXECUTE format('GRANT USAGE ON SCHEMA %I TO {quoted}', current_schema()); END $$;",
            ct
        );
        await SqlCommands.ExecuteAsync(connection, tx, $"GRANT SELECT ON {string.Join(", ", ReadOnlyTables)} TO {quoted};", ct);
        await SqlCommands.ExecuteAsync(
            connection,
            tx,
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON {string.Join(", ", RowTables)} TO {quoted};",
            ct
        );
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
}
