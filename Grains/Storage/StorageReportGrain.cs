namespace Orleans.Betting.Storage;

/// <summary>
/// Reports what the cluster stores. The write rate is the growth of the rows' versions (every grain
/// write increments its row's version) between the previous reading, when it is recent, and this
/// one; a first call takes two readings a few seconds apart.
/// </summary>
public sealed class StorageReportGrain(IStorageInspector inspector, TimeProvider time) : Grain, IStorageReportGrain
{
    private static readonly TimeSpan FirstWindow = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Recent = TimeSpan.FromMinutes(10);

    // A report scans every row's size: a reader asking in a loop gets the last one for this long, not a scan each time.
    private static readonly TimeSpan Cached = TimeSpan.FromSeconds(2);
    private StorageSnapshot? previous;
    private StorageReport? last;

    public async Task<StorageReport> GetAsync(CancellationToken cancellationToken = default)
    {
        if (last is not null && time.GetUtcNow().UtcDateTime - last.AtUtc < Cached)
        {
            return last;
        }

        if (previous is null || time.GetUtcNow().UtcDateTime - previous.AtUtc > Recent)
        {
            previous = await inspector.ReadAsync(10, cancellationToken);
            await Task.Delay(FirstWindow, time, cancellationToken);
        }

        var reading = System.Diagnostics.Stopwatch.StartNew();
        var now = await inspector.ReadAsync(10, cancellationToken);
        var readMs = reading.Elapsed.TotalMilliseconds;
        var tables = await inspector.TablesAsync(cancellationToken);
        var seconds = Math.Max(1e-3, (now.AtUtc - previous.AtUtc).TotalSeconds);
        // Rows cleared or deleted meanwhile can lower the sum: a rate is never negative.
        var perMinute = Math.Max(0, now.VersionSum - previous.VersionSum) * 60.0 / seconds;
        var bytesPerMinute = Math.Max(0, now.VersionBytes - previous.VersionBytes) * 60.0 / seconds;
        previous = now;
        return last = new StorageReport(
            now.Database,
            now.GrainTypes,
            now.Largest,
            Math.Round(perMinute, 1),
            Math.Round(seconds, 1),
            now.GrainTypes.Sum(t => t.Bytes),
            now.GrainTypes.Sum(t => t.Rows),
            now.AtUtc,
            Math.Round(bytesPerMinute),
            tables,
            Math.Round(readMs, 1)
        );
    }
}
