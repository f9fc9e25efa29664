namespace Orleans.Betting.Storage;

/// <summary>Reads this service's rows of the grain-state table (the silo's database; implemented by the host).</summary>
public interface IStorageInspector
{
    Task<StorageSnapshot> ReadAsync(int largest, CancellationToken cancellationToken);
}
