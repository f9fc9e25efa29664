using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Betting.Health;
using Orleans.Betting.Market;

namespace Orleans.Betting.Agents;

/// <summary>Database: times a persisted write (storage health) and prunes live-odds histories of events long over.</summary>
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

    protected override IReadOnlyList<string> Tools { get; } = [ToolNames.StorageProbe, ToolNames.OddsPrune, ToolNames.Notify];

    protected override Views.AgentMemoryView DescribeMemory() =>
        new Views.DatabaseView(Memory.LastWriteMs, Memory.ProbeFailures, Memory.Pruned);

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
}
