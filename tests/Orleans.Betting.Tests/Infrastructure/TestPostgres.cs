using Npgsql;

namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>
/// The private PostgreSQL that tests/run.sh starts. Its connection string arrives in
/// BETTING_TEST_POSTGRES; BETTING_SKIP_POSTGRES=1 is the explicit opt-out. Each caller gets a fresh
/// database so tests never see each other's rows.
/// </summary>
public static class TestPostgres
{
    public const string ConnectionVariable = "BETTING_TEST_POSTGRES";
    public const string OptOutVariable = "BETTING_SKIP_POSTGRES";

    public static bool OptedOut => Environment.GetEnvironmentVariable(OptOutVariable) == "1";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                $"{ConnectionVariable} is not set: run the tests through tests/run.sh, which starts a private PostgreSQL, "
                    + $"or set {OptOutVariable}=1 to skip the PostgreSQL tests explicitly."
            );

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name =
            $"t_{purpose}_{Guid.NewGuid():N}" is var full && full.Length > 40 ? full[..40].ToLowerInvariant() : full.ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = $"CREATE DATABASE {name}";
            await cmd.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = true }.ToString();
    }

    /// <summary>Runs the statements in order on one connection.</summary>
    public static async Task ExecuteAsync(string connectionString, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>A fact that needs PostgreSQL: skipped only on the explicit opt-out, failing otherwise when absent.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestPostgres.OptedOut)
        {
            Skip = $"PostgreSQL tests skipped by {TestPostgres.OptOutVariable}=1";
        }
    }
}
