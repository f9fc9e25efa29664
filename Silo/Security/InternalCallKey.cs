using System.Data.Common;
using Orleans.Betting.Silo.Storage;

namespace Orleans.Betting.Silo.Security;

/// <summary>
/// The silos' shared key for stamping the calls they make to each other (<see cref="InternalCallStamp"/>):
/// made once by the first migration, kept in the database beside the schema, only read after that.
/// </summary>
public static class InternalCallKey
{
    /// <summary>Name of the key that stamps calls made inside the cluster (<see cref="InternalCallStamp"/>).</summary>
    public const string Name = "internal-calls";

    /// <summary>
    /// The silos' shared key for stamping their own calls, made once (32 random bytes) by the first
    /// migration and only read after that. Readable by the runtime role, never by a client.
    /// </summary>
    public static async Task<byte[]> ReadAsync(DatabaseTarget target, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = target.CreateConnection();
            await connection.OpenAsync(cancellationToken);
            await using var cmd = connection.CreateCommand();
            cmd.CommandText =
                target.Engine == DatabaseEngine.Sqlite
                    ? "SELECT Value FROM BettingSecret WHERE Name = @k"
                    : "SELECT value FROM bettingsecret WHERE name = @k";
            SqlCommands.AddParameter(cmd, "k", Name);
            return await cmd.ExecuteScalarAsync(cancellationToken) as byte[]
                ?? throw new DatabaseUnavailableException(
                    target,
                    new InvalidOperationException($"the secret '{Name}' is missing: run the migration (Orleans.Betting.Silo migrate)")
                );
        }
        catch (Exception e)
            when (e is DbException or IOException or UnauthorizedAccessException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new DatabaseUnavailableException(target, e);
        }
    }

    internal static async Task EnsureAsync(DbConnection connection, DbTransaction tx, string insert, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = insert;
        SqlCommands.AddParameter(cmd, "k", Name);
        SqlCommands.AddParameter(cmd, "t", System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
