using System.Data.Common;
using System.Globalization;
using Orleans.Betting.Storage;

namespace Orleans.Betting.Silo.Storage;

/// <summary>Reads this service's rows of our grain-state table (SQLite or PostgreSQL): sizes per grain type, the largest records, the versions' sum.</summary>
public sealed class StorageInspector(DatabaseTarget database, string serviceId, TimeProvider time) : IStorageInspector
{
    public async Task<StorageSnapshot> ReadAsync(int largest, CancellationToken cancellationToken)
    {
        var size = database.Engine == DatabaseEngine.Sqlite ? "length(PayloadBinary)" : "octet_length(payloadbinary)";
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);

        var types = new List<GrainTypeUsage>();
        long versions = 0;
        long versionBytes = 0;
        await using (
            var byType = Command(
                connection,
                $"SELECT GrainTypeString, count(*), coalesce(sum({size}), 0), coalesce(sum(Version), 0), coalesce(sum(CAST(Version AS BIGINT) * coalesce({size}, 0)), 0) FROM OrleansStorage "
                    + "WHERE ServiceId = @service GROUP BY GrainTypeString"
            )
        )
        await using (var reader = await byType.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                types.Add(
                    new GrainTypeUsage(
                        reader.GetString(0),
                        Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture),
                        Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture)
                    )
                );
                versions += Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture);
                versionBytes += Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture);
            }
        }

        var records = new List<StoredRecord>();
        await using (
            var top = Command(
                connection,
                $"SELECT GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString, {size} AS Bytes, ModifiedUtc, Version FROM OrleansStorage "
                    + $"WHERE ServiceId = @service AND PayloadBinary IS NOT NULL ORDER BY Bytes DESC LIMIT {Math.Max(1, largest)}"
            )
        )
        await using (var reader = await top.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var n0 = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
                var n1 = Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture);
                var key = reader.IsDBNull(3)
                    ? (n0 == 0 ? n1.ToString(CultureInfo.InvariantCulture) : $"{n0:x16}{n1:x16}")
                    : reader.GetString(3);
                records.Add(
                    new StoredRecord(
                        reader.GetString(0),
                        key,
                        Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture),
                        Utc(reader.GetValue(5)),
                        Convert.ToInt64(reader.GetValue(6), CultureInfo.InvariantCulture)
                    )
                );
            }
        }

        return new StorageSnapshot(
            database.ToString(),
            types.OrderByDescending(t => t.Bytes).ThenBy(t => t.Type, StringComparer.Ordinal).ToList(),
            records,
            versions,
            time.GetUtcNow().UtcDateTime,
            versionBytes
        );
    }

    public async Task<IReadOnlyList<TableUsage>> TablesAsync(CancellationToken cancellationToken)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        var tables = new List<TableUsage>();
        if (database.Engine == DatabaseEngine.PostgreSql)
        {
            await using var command = Command(
                connection,
                "SELECT c.relname, pg_total_relation_size(c.oid), c.reltuples::bigint FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = current_schema()"
            );
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var rows = Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture);
                tables.Add(
                    new TableUsage(
                        reader.GetString(0),
                        Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture),
                        rows < 0 ? null : rows
                    )
                );
            }
        }
        else
        {
            // SQLite: the pages per table where the dbstat table is compiled in, else the file's pages as one.
            try
            {
                await using var command = Command(connection, "SELECT name, sum(pgsize) FROM dbstat GROUP BY name");
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    tables.Add(
                        new TableUsage(reader.GetString(0), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture), null)
                    );
                }
            }
            catch (DbException)
            {
                await using var pages = Command(connection, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
                var bytes = Convert.ToInt64(await pages.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
                tables.Add(new TableUsage("(database file)", bytes, null));
            }
        }

        return tables.OrderByDescending(t => t.Bytes).ThenBy(t => t.Table, StringComparer.Ordinal).ToList();
    }

    private DbCommand Command(DbConnection connection, string text)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        var p = command.CreateParameter();
        p.ParameterName = "@service";
        p.Value = serviceId;
        command.Parameters.Add(p);
        return command;
    }

    private static DateTime Utc(object value) =>
        value switch
        {
            DateTime d => DateTime.SpecifyKind(d.ToUniversalTime(), DateTimeKind.Utc),
            DateTimeOffset o => o.UtcDateTime,
            string s => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            _ => DateTime.MinValue,
        };
}
