using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Orleans.Betting.Silo.Storage;

/// <summary>
/// One writer at a time per SQLite file, queued asynchronously. SQLite allows a single writer; when
/// two grains write at once, Microsoft.Data.Sqlite answers SQLITE_BUSY by blocking a thread-pool
/// thread in 150 ms sleeps until the lock frees, so a burst of concurrent grain writes on two cores
/// turns into seconds of stalls. Queueing the writes in-process costs nothing but the order.
/// Readers need no gate (the file is in WAL mode).
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>The gate of the database file a connection string names (the same file, the same gate, across silos in one process).</summary>
    public static SemaphoreSlim For(string connectionString)
    {
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var key = string.IsNullOrEmpty(path) || path == ":memory:" ? connectionString : Path.GetFullPath(path);
        return Gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
    }
}
