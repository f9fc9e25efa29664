using Microsoft.Extensions.Logging;
using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Market;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Agents;

/// <summary>StrategyAnalyst: starts swarm runs for the orchestrator (each once, by run id), reports on them, and backtests for redundancy checks.</summary>
public sealed class StrategyAnalystAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<StrategyAnalystMemory>> record,
    IGrainFactory grains,
    AgentContext context,
    ILogger<StrategyAnalystAgent> logger
) : AgentGrain<StrategyAnalystMemory>(record, context, logger), IStrategyAnalystAgent
{
    protected override AgentRole Role => AgentRole.Specialist;

    protected override double DefaultTickSeconds => 5;

    protected override IReadOnlyList<string> Tools { get; } =
    [ToolNames.SwarmStart, ToolNames.SwarmStatus, ToolNames.StrategyBacktest, ToolNames.RegistryList];

    protected override Task TickAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override Views.AgentMemoryView DescribeMemory() =>
        new Views.StrategyAnalystView(Memory.Runs.Count, Memory.Runs.LastOrDefault());

    public async Task<SwarmRunStatus> StartSwarmAsync(string runId, SwarmRunRequest request)
    {
        EnsureRunning();
        var run = grains.GetGrain<ISwarmRunGrain>(runId);
        var status = await UseToolAsync(ToolNames.SwarmStatus, () => run.GetStatusAsync());
        if (status.Request is not null)
        {
            return status; // started before (a resumed cycle): never twice
        }

        status = await UseToolAsync(ToolNames.SwarmStart, () => run.StartAsync(request));
        Memory.Runs.Add(runId);
        await SaveAsync();
        return status;
    }

    public Task<SwarmRunStatus> SwarmStatusAsync(string runId)
    {
        EnsureRunning();
        return UseToolAsync(ToolNames.SwarmStatus, () => grains.GetGrain<ISwarmRunGrain>(runId).GetStatusAsync());
    }

    public async Task<IReadOnlyDictionary<BetKey, double>> ReturnsAsync(string strategyId, string league, IReadOnlyList<string> seasons)
    {
        EnsureRunning();
        var report = await UseToolAsync(
            ToolNames.StrategyBacktest,
            () =>
                grains
                    .GetGrain<IStrategyGrain>(strategyId)
                    .BacktestAsync(new BacktestRequest(league, seasons, BootstrapSamples: 0, KeepReport: false, IncludeReturns: true))
        );
        return Redundancy.Keyed(report.ReturnKeys ?? [], report.Returns ?? []);
    }
}

[GenerateSerializer]
[Alias("betting.StrategyAnalystMemory")]
public sealed class StrategyAnalystMemory
{
    [Id(0)]
    public List<string> Runs { get; set; } = [];
}
