using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Health;
using Orleans.Betting.Market;
using Orleans.Betting.Storage;

namespace Orleans.Betting.Agents;

/// <summary>
/// Database: times a persisted write (storage health), prunes live-odds histories of events long over, and every
/// few ticks reads what the store holds (bytes per grain type, the largest records, the tables on disk, how long the
/// scan took) and alerts on outliers (<see cref="StorageUpkeep"/>): a record too large, a type hoarding in one record,
/// a type growing fast.
/// </summary>
public sealed class DatabaseAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<DatabaseMemory>> record,
    IGrainFactory grains,
    AgentContext context,
    IOptions<Market.Live.LiveOddsOptions> liveOdds,
    ILogger<DatabaseAgent> logger
) : AgentGrain<DatabaseMemory>(record, context, logger), IDatabaseAgent
{
    protected override AgentRole Role => AgentRole.Worker;

    protected override double DefaultTickSeconds => 30;

    protected override IReadOnlyList<string> Tools { get; } =
    [ToolNames.StorageProbe, ToolNames.StorageReport, ToolNames.OddsPrune, ToolNames.Notify];

    protected override Views.AgentMemoryView DescribeMemory() =>
        new Views.DatabaseView(
            Memory.LastWriteMs,
            Memory.ProbeFailures,
            Memory.Pruned,
            Memory.Types.Count > 0 ? Memory.Types.Values.Sum() : null,
            [
                .. Memory
                    .Types.OrderByDescending(t => t.Value)
                    .Take(5)
                    .Select(t => $"{StorageUpkeep.Short(t.Key)} {StorageUpkeep.Size(t.Value)}"),
            ],
            [.. Memory.Tables.Take(5).Select(t => $"{t.Table} {StorageUpkeep.Size(t.Bytes)}")],
            Memory.ScanMs,
            Memory.Findings,
            Memory.LastUpkeepUtc
        );

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            Memory.LastWriteMs = await UseToolAsync(
                ToolNames.StorageProbe,
                () => grains.GetGrain<IStorageProbeGrain>("probe").ProbeAsync()
            );
            Memory.ProbeFailures = 0;
        }
        catch (Exception e) when (e is not AgentToolRefusedException and not OutOfMemoryException)
        {
            Memory.ProbeFailures++;
            await UseToolAsync(
                ToolNames.Notify,
                () =>
                    AlertAsync(new Alert("storage-unhealthy", Severity.Critical, AgentNames.Database, $"Storage write failed: {e.Message}"))
            );
            throw;
        }

        var keep = TimeSpan.FromDays(Options.Database.KeepEventDays);
        var sports = liveOdds.Value.SportKeys;
        foreach (var sport in sports)
        {
            Memory.Pruned += await UseToolAsync(
                ToolNames.OddsPrune,
                () => grains.GetGrain<ILiveOddsGrain>(sport).PruneAsync(MarketUtcNow - keep)
            );
        }

        if (++Memory.TicksSinceUpkeep >= Options.Database.UpkeepEveryTicks || Memory.LastUpkeepUtc is null)
        {
            Memory.TicksSinceUpkeep = 0;
            try
            {
                await UpkeepAsync(cancellationToken);
            }
            catch (Exception e) when (e is not AgentToolRefusedException and not OutOfMemoryException and not OperationCanceledException)
            {
                // The probe above already judged the storage's health; a failed scan is reported and tried at the next upkeep.
                logger.LogWarning(e, "Database: the storage upkeep scan failed");
                Memory.LastUpkeepUtc = UtcNow;
            }
        }
    }

    private async Task UpkeepAsync(CancellationToken cancellationToken)
    {
        var report = await UseToolAsync(ToolNames.StorageReport, () => grains.GetGrain<IStorageReportGrain>(0).GetAsync(cancellationToken));
        var settings = Options.Database;
        var found = StorageUpkeep.Find(report, Memory.Types, settings.MaxRecordBytes, settings.MaxRecordToMean, settings.MaxGrowthShare);
        // Raised once while it lasts: an outlier still there at the next upkeep is not raised again; one that went away may come back.
        var findings = found.Where(f => !Memory.Raised.Contains($"{f.Kind}|{f.Subject}")).ToList();
        Memory.Raised = [.. found.Select(f => $"{f.Kind}|{f.Subject}")];
        Memory.Types = report.GrainTypes.ToDictionary(t => t.Type, t => t.Bytes);
        Memory.Tables = [.. report.Tables ?? []];
        Memory.ScanMs = report.ReadMs;
        Memory.LastUpkeepUtc = UtcNow;
        Memory.Findings += findings.Count;
        if (findings.Count == 0)
        {
            return;
        }

        Decide(
            0,
            DecisionKind.StorageOutlier,
            $"{findings.Count} outlier(s) in the store",
            ["leave", "alert"],
            new Dictionary<string, string>
            {
                ["totalBytes"] = report.TotalBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["rows"] = report.TotalRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["scanMs"] = report.ReadMs.ToString("F1", System.Globalization.CultureInfo.InvariantCulture),
            },
            [.. findings.Select(f => $"{f.Kind} {f.Subject}: {f.Reason}")]
        );
        foreach (var finding in findings)
        {
            await UseToolAsync(
                ToolNames.Notify,
                () =>
                    AlertAsync(
                        new Alert(
                            $"storage|{finding.Kind}|{finding.Subject}",
                            Severity.Warning,
                            AgentNames.Database,
                            $"Storage {finding.Kind}: {finding.Subject}: {finding.Reason}"
                        )
                    )
            );
        }
    }
}

[GenerateSerializer]
[Alias("betting.DatabaseMemory")]
public sealed class DatabaseMemory
{
    [Id(0)]
    public double LastWriteMs { get; set; }

    [Id(1)]
    public int ProbeFailures { get; set; }

    [Id(2)]
    public long Pruned { get; set; }

    /// <summary>Bytes per grain type at the last upkeep (the growth check's baseline).</summary>
    [Id(3)]
    public Dictionary<string, long> Types { get; set; } = [];

    [Id(4)]
    public List<Storage.TableUsage> Tables { get; set; } = [];

    [Id(5)]
    public double ScanMs { get; set; }

    [Id(6)]
    public long Findings { get; set; }

    [Id(7)]
    public DateTime? LastUpkeepUtc { get; set; }

    [Id(8)]
    public int TicksSinceUpkeep { get; set; }

    /// <summary>The outliers found at the last upkeep (kind|subject): raised when they appeared, not again while they last.</summary>
    [Id(9)]
    public HashSet<string> Raised { get; set; } = [];
}
