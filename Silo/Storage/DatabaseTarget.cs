using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Orleans.Betting.Silo.Storage;

/// <summary>
/// One database the silo talks to: the engine, the connection string, the ADO.NET invariant Orleans
/// needs for it, and a display name that never contains a password.
/// </summary>
public sealed record DatabaseTarget(DatabaseEngine Engine, string ConnectionString, string DisplayName, string Setting)
{
    /// <summary>Orleans' invariant for Microsoft.Data.Sqlite (the name is historical).</summary>
    public const string SqliteInvariant = "System.Data.SQLite";
    public const string PostgreSqlInvariant = "Npgsql";

    public string Invariant => Engine == DatabaseEngine.Sqlite ? SqliteInvariant : PostgreSqlInvariant;

    public static DatabaseTarget SqliteFile(string path)
    {
        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Waits this long on a locked database before failing (Microsoft.Data.Sqlite retries SQLITE_BUSY).
            DefaultTimeout = 30,
        }.ToString();
        return new DatabaseTarget(DatabaseEngine.Sqlite, cs, path, "Betting:DataDir");
    }

    /// <summary>The database an ADO.NET invariant and connection string name (as Orleans' providers are given them).</summary>
    public static DatabaseTarget FromInvariant(string invariant, string connectionString) =>
        invariant == SqliteInvariant
            ? new DatabaseTarget(
                DatabaseEngine.Sqlite,
                connectionString,
                new SqliteConnectionStringBuilder(connectionString).DataSource,
                "Betting:DataDir"
            )
            : PostgreSql(connectionString, "ConnectionStrings:Betting");

    public static DatabaseTarget PostgreSql(string connectionString, string setting)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new Hosting.ConfigurationError(setting, $"not a valid PostgreSQL connection string ({e.Message})");
        }

        var display = $"{builder.Host ?? "localhost"}:{builder.Port}/{builder.Database ?? builder.Username ?? "postgres"}";
        return new DatabaseTarget(DatabaseEngine.PostgreSql, connectionString, display, setting);
    }

    /// <summary>
    /// The same database on a pool of its own for readiness probes: one connection at most, named in
    /// the server's activity view, never competing with grain storage for a pooled connection.
    /// </summary>
    public DatabaseTarget ForReadiness() =>
        Engine == DatabaseEngine.PostgreSql
            ? this with
            {
                ConnectionString = new NpgsqlConnectionStringBuilder(ConnectionString)
                {
                    ApplicationName = ReadinessApplicationName,
                    MaxPoolSize = 1,
                    MinPoolSize = 0,
                }.ToString(),
            }
            : this;

    public const string ReadinessApplicationName = "betting-readiness";

    public DbConnection CreateConnection() =>
        Engine switch
        {
            DatabaseEngine.Sqlite => new SqliteConnection(ConnectionString),
            _ => new NpgsqlConnection(ConnectionString),
        };

    // Records print all members; keep the connection string (which may hold a password) out of it.
    public override string ToString() => $"{Engine} {DisplayName}";
}
