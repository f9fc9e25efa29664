using System.Globalization;
using Orleans.Betting.Storage;

namespace Orleans.Betting.Agents.Decisions;

/// <summary>One thing the store holds that it should not: a record too large, a type hoarding in one record, a type growing fast.</summary>
public sealed record StorageFinding(string Kind, string Subject, string Reason);

/// <summary>
/// The Database agent's checks on what the store holds (pure): a record over the size limit; a grain type whose largest
/// record dwarfs its mean (one grain hoarding: an unbounded list); a grain type growing fast between two readings.
/// </summary>
public static class StorageUpkeep
{
    private const long MinOutlierBytes = 64 << 10;
    private const long MinGrowthBytes = 1 << 20;

    public static IReadOnlyList<StorageFinding> Find(
        StorageReport report,
        IReadOnlyDictionary<string, long> previousBytes,
        long maxRecordBytes,
        double maxRecordToMean,
        double maxGrowthShare
    )
    {
        var findings = new List<StorageFinding>();
        foreach (var record in report.Largest.Where(r => r.Bytes > maxRecordBytes))
        {
            findings.Add(
                new StorageFinding(
                    "record",
                    $"{Short(record.Type)}/{record.Key}",
                    $"{Size(record.Bytes)} stored, over the {Size(maxRecordBytes)} a record may hold (version {record.Version})"
                )
            );
        }

        foreach (var type in report.GrainTypes.Where(t => t.Rows >= 5))
        {
            var mean = (double)type.Bytes / type.Rows;
            var largest = report.Largest.Where(r => r.Type == type.Type).MaxBy(r => r.Bytes);
            if (
                largest is not null
                && largest.Bytes >= MinOutlierBytes
                && largest.Bytes > maxRecordToMean * mean
                && largest.Bytes <= maxRecordBytes
            )
            {
                findings.Add(
                    new StorageFinding(
                        "hoarding",
                        $"{Short(type.Type)}/{largest.Key}",
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"{Size(largest.Bytes)}, {largest.Bytes / mean:F0}× its type's mean of {Size((long)mean)} over {type.Rows} records"
                        )
                    )
                );
            }

            if (
                previousBytes.TryGetValue(type.Type, out var before)
                && type.Bytes - before > Math.Max(MinGrowthBytes, maxGrowthShare * before)
            )
            {
                findings.Add(
                    new StorageFinding(
                        "growth",
                        Short(type.Type),
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"{Size(before)} → {Size(type.Bytes)} since the last reading (+{(before > 0 ? (type.Bytes - before) / (double)before : 1):P0}), over the {maxGrowthShare:P0} allowed"
                        )
                    )
                );
            }
        }

        return findings;
    }

    /// <summary>A grain type's name without its namespace ("betting.ledger" stays, "Orleans.Betting.Ledger.LedgerGrain" → "LedgerGrain").</summary>
    public static string Short(string type) =>
        type.Contains(',', StringComparison.Ordinal) || type.Count(c => c == '.') > 2 ? type.Split(',')[0].Split('.')[^1] : type;

    public static string Size(long bytes) =>
        bytes >= 1 << 20 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1} MiB")
        : bytes >= 1 << 10 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} B");
}
