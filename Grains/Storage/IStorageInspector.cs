namespace Orleans.Betting.Storage;

/// <summary>Reads this service's rows of the grain-state table, and the database's tables (the silo's database; implemented by the host).</summary>
public interface IStorageInspector
{
    Task<StorageSnapshot> ReadAsync(int largest, CancellationToken cancellationToken);

    /// <summary>Every table of our schema with its size on disk, indexes included (bytes), largest first.</summary>
    Task<IReadOnlyList<TableUsage>> TablesAsync(CancellationToken cancellationToken);
}
