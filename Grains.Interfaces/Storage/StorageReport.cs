namespace Orleans.Betting.Storage;

/// <summary>What the cluster stores: rows and bytes per grain type, the largest records, and how fast it writes.</summary>
/// <param name="WritesPerMinute">Grain writes per minute, cluster-wide: the growth of the rows' versions over <paramref name="MeasuredSeconds"/>.</param>
/// <param name="BytesWrittenPerMinute">Bytes written per minute, estimated: each write counted at its row's present size.</param>
[GenerateSerializer, Immutable]
[Alias("betting.StorageReport")]
public sealed record StorageReport(
    [property: Id(0)] string Database,
    [property: Id(1)] IReadOnlyList<GrainTypeUsage> GrainTypes,
    [property: Id(2)] IReadOnlyList<StoredRecord> Largest,
    [property: Id(3)] double WritesPerMinute,
    [property: Id(4)] double MeasuredSeconds,
    [property: Id(5)] long TotalBytes,
    [property: Id(6)] long TotalRows,
    [property: Id(7)] DateTime AtUtc,
    [property: Id(8)] double BytesWrittenPerMinute = 0,
    // The database's tables and their size on disk with indexes (bytes); the whole file on SQLite where its pages cannot be read per table.
    [property: Id(9)] IReadOnlyList<TableUsage>? Tables = null,
    // How long reading the sizes took (ms): the database's latency under a scan.
    [property: Id(10)] double ReadMs = 0
);

[GenerateSerializer, Immutable]
[Alias("betting.TableUsage")]
public sealed record TableUsage([property: Id(0)] string Table, [property: Id(1)] long Bytes, [property: Id(2)] long? Rows);

[GenerateSerializer, Immutable]
[Alias("betting.GrainTypeUsage")]
public sealed record GrainTypeUsage([property: Id(0)] string Type, [property: Id(1)] long Rows, [property: Id(2)] long Bytes);

[GenerateSerializer, Immutable]
[Alias("betting.StoredRecord")]
public sealed record StoredRecord(
    [property: Id(0)] string Type,
    [property: Id(1)] string Key,
    [property: Id(2)] long Bytes,
    [property: Id(3)] DateTime LastWriteUtc,
    [property: Id(4)] long Version
);

/// <summary>
/// One reading of the grain-state table (for <see cref="IStorageReportGrain"/>). <see cref="VersionBytes"/>
/// sums each row's version times its size: its growth between readings estimates the bytes written
/// (each write of a row counted at the row's present size).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.StorageSnapshot")]
public sealed record StorageSnapshot(
    [property: Id(0)] string Database,
    [property: Id(1)] IReadOnlyList<GrainTypeUsage> GrainTypes,
    [property: Id(2)] IReadOnlyList<StoredRecord> Largest,
    [property: Id(3)] long VersionSum,
    [property: Id(4)] DateTime AtUtc,
    [property: Id(5)] long VersionBytes = 0
);
