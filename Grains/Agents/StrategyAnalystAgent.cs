using Microsoft.Extensions.Logging;
using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Market;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Agents;

/// <summary>
/// StrategyAnalyst: runs searches asked of it on the bus (<see cref="Bus.SearchRequest"/>: a swarm run started
/// once per run id, answered at once), watches them on its own timer and tells the asker when each ends
/// (<see cref="Bus.SearchFinished"/>); reports on runs and backtests for redundancy checks.
/// </summary>
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

    /// <summary>Watches the searches it was asked for; each one's end is sent to its asker (durably, until acknowledged).</summary>
    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        foreach (var watch in Memory.Watching.ToList())
        {
            var status = await UseToolAsync(ToolNames.SwarmStatus, () => grains.GetGrain<ISwarmRunGrain>(watch.RunId).GetStatusAsync());
            if (status.Phase is not (SwarmPhase.Completed or SwarmPhase.Failed))
            {
                continue;
            }

            Memory.Watching.Remove(watch);
            await SendAsync(
                watch.Asker,
                new Bus.SearchFinished(
                    watch.RunId,
                    status.Phase,
                    status.Generation?.Trials ?? 0,
                    status.Validation.Count(v => v.Approved),
                    status.Error
                )
            );
        }
    }

    protected override async Task<Bus.BusBody?> AnswerAsync(Bus.BusBody request, AgentMessage envelope)
    {
        if (request is not Bus.SearchRequest search)
        {
            return null;
        }

        var status = await StartSwarmAsync(search.RunId, search.Request);
        if (status.Phase is not (SwarmPhase.Completed or SwarmPhase.Failed) && !Memory.Watching.Any(w => w.RunId == search.RunId))
        {
            Memory.Watching.Add(new SearchWatch(search.RunId, envelope.From));
            await SaveAsync();
        }

        return new Bus.SearchAnswer(search.RunId, status.Phase);
    }

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

    /// <summary>Searches asked for on the bus and not yet ended: whose news their end is.</summary>
    [Id(1)]
    public List<SearchWatch> Watching { get; set; } = [];
}

[GenerateSerializer, Immutable]
[Alias("betting.SearchWatch")]
public sealed record SearchWatch([property: Id(0)] string RunId, [property: Id(1)] string Asker);
