using System.Globalization;

namespace Orleans.Betting.Agents.Views;

/// <summary>
/// The database agent: its last probe write, failed probes and rows pruned; at its last upkeep, the bytes stored,
/// the largest grain types and tables, how long the scan took and the outliers found so far.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.views.Database")]
public sealed record DatabaseView(
    [property: Id(0)] double WriteMs,
    [property: Id(1)] int ProbeFailures,
    [property: Id(2)] long Pruned,
    [property: Id(3)] long? StoredBytes = null,
    [property: Id(4)] IReadOnlyList<string>? LargestTypes = null,
    [property: Id(5)] IReadOnlyList<string>? LargestTables = null,
    [property: Id(6)] double ScanMs = 0,
    [property: Id(7)] long Findings = 0,
    [property: Id(8)] DateTime? LastUpkeepUtc = null
) : AgentMemoryView
{
    public override IReadOnlyList<KeyValuePair<string, string>> Fields() =>
        [
            Field("writeMs", WriteMs.ToString("F1", CultureInfo.InvariantCulture)),
            Field("probeFailures", ProbeFailures),
            Field("pruned", Pruned),
            .. StoredBytes is { } bytes
                ?
                [
                    Field("storedBytes", bytes),
                    Field("largestTypes", string.Join(", ", LargestTypes ?? [])),
                    Field("tables", string.Join(", ", LargestTables ?? [])),
                    Field("scanMs", ScanMs.ToString("F1", CultureInfo.InvariantCulture)),
                    Field("outliers", Findings),
                    Field("lastUpkeep", LastUpkeepUtc),
                ]
                : Array.Empty<KeyValuePair<string, string>>(),
        ];
}
