namespace Orleans.Betting.Storage;

/// <summary>The cluster's storage as the operator sees it (<c>storage</c>): one per cluster (key 0).</summary>
public interface IStorageReportGrain : IGrainWithIntegerKey
{
    /// <summary>Reads the grain-state table; the write rate needs two readings, so a first call waits a few seconds for its second.</summary>
    [ClientReadable]
    Task<StorageReport> GetAsync(CancellationToken cancellationToken = default);
}
