using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Orleans.Betting.Api;
using Orleans.Betting.Market;
using Orleans.Runtime;

namespace Orleans.Betting.Agents;

/// <summary>ApiManager: reads every API's bucket and quota; advises a slower polling pace as the quota runs short.</summary>
public sealed class ApiManagerAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<ApiManagerMemory>> record,
    IGrainFactory grains,
    IConfiguration configuration,
    ILogger<ApiManagerAgent> logger) : AgentGrain<ApiManagerMemory>(record, configuration, logger), IApiManagerAgent
{
    protected override AgentRole Role => AgentRole.Worker;

    protected override double DefaultTickSeconds => 10;

    protected override IReadOnlyList<string> Tools { get; } = ["apis.buckets", "apis.usage"];

    protected override IReadOnlyDictionary<string, string> DescribeMemory() => new Dictionary<string, string>
    {
        ["pollSeconds"] = Memory.PollSeconds.ToString("0", CultureInfo.InvariantCulture),
        ["apis"] = Memory.Summary ?? "-",
    };

    public Task<double> RecommendedPollSecondsAsync() => Task.FromResult(Memory.PollSeconds);

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        var basePoll = Configuration.GetValue("Betting:LiveOdds:PollSeconds", 60.0);
        var states = await UseToolAsync("apis.buckets", () => Task.WhenAll(ApiNames.All.Select(a => grains.GetGrain<ITokenBucketGrain>(a).GetStateAsync())));
        var odds = states.Single(s => s.Api == ApiNames.Odds);
        var (factor, reason) = odds is { QuotaRemaining: { } left, QuotaUsed: { } used } && left + used > 0
            ? (left / (double)(left + used)) switch
            {
                < 0.05 => (8.0, $"odds quota {left} of {left + used} left (< 5 %): poll 8× slower"),
                < 0.20 => (2.0, $"odds quota {left} of {left + used} left (< 20 %): poll 2× slower"),
                _ => (1.0, $"odds quota {left} of {left + used} left: normal pace"),
            }
            : (1.0, "odds quota not known yet: normal pace");
        var poll = basePoll * factor;
        Memory.Summary = string.Join("; ", states.Select(s => $"{s.Api} {s.AvailableTokens} tokens, quota {s.QuotaRemaining?.ToString(CultureInfo.InvariantCulture) ?? "?"}{(s.Paused ? ", paused" : "")}"));
        if (Math.Abs(poll - Memory.PollSeconds) > 1e-9)
        {
            Decide(0, "poll-pace", $"{poll:0} s", [$"{basePoll:0} s", $"{basePoll * 2:0} s", $"{basePoll * 8:0} s"],
                new Dictionary<string, string> { ["quotaRemaining"] = odds.QuotaRemaining?.ToString(CultureInfo.InvariantCulture) ?? "?" }, [reason]);
            Memory.PollSeconds = poll;
        }
    }
}

[GenerateSerializer]
public sealed class ApiManagerMemory
{
    [Id(0)] public double PollSeconds { get; set; } = 60;
    [Id(1)] public string? Summary { get; set; }
}

/// <summary>MarketIntelligence: keeps each configured sport's live polling at the ApiManager's pace and raises steam moves as alerts.</summary>
public sealed class MarketIntelligenceAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<MarketIntelligenceMemory>> record,
    IGrainFactory grains,
    IConfiguration configuration,
    ILogger<MarketIntelligenceAgent> logger) : AgentGrain<MarketIntelligenceMemory>(record, configuration, logger), IMarketIntelligenceAgent
{
    protected override AgentRole Role => AgentRole.Specialist;

    protected override double DefaultTickSeconds => 5;

    protected override IReadOnlyList<string> Tools { get; } = ["odds.poll", "odds.board", "apis.pace", "notify"];

    protected override IReadOnlyDictionary<string, string> DescribeMemory() => new Dictionary<string, string>
    {
        ["sports"] = string.Join(",", Memory.PollSeconds.Keys),
        ["steamAlerts"] = Memory.SteamAlerts.ToString(CultureInfo.InvariantCulture),
    };

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        var section = Configuration.GetSection("Betting:LiveOdds");
        var sports = (section["Sports"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (sports.Length == 0)
        {
            return;
        }

        var pace = await UseToolAsync("apis.pace", () => grains.GetGrain<IApiManagerAgent>(AgentNames.ApiManager).RecommendedPollSecondsAsync());
        foreach (var sport in sports)
        {
            var live = grains.GetGrain<ILiveOddsGrain>(sport);
            if (Memory.PollSeconds.GetValueOrDefault(sport) != pace)
            {
                var request = new LivePollRequest(section["Regions"] ?? "uk,eu", section["Markets"] ?? "h2h,totals", RequestPriority.Background);
                await UseToolAsync("odds.poll", () => live.StartPollingAsync(request, TimeSpan.FromSeconds(pace)));
                Decide(0, "poll-pace", $"{sport} every {pace:0} s", [], new Dictionary<string, string> { ["advisedBy"] = AgentNames.ApiManager }, ["the ApiManager's pace for the quota left"]);
                Memory.PollSeconds[sport] = pace;
            }

            var board = await UseToolAsync("odds.board", () => live.GetBoardAsync());
            foreach (var e in board.Events)
            {
                foreach (var steam in e.Steam.Where(m => m.DetectedUtc > Memory.LastSteamUtc.GetValueOrDefault(sport)))
                {
                    Memory.SteamAlerts++;
                    await UseToolAsync("notify", () => AlertAsync(new Alert(
                        $"steam|{e.EventId}|{steam.Market}|{steam.Outcome}|{steam.Direction}", "info", AgentNames.MarketIntelligence,
                        $"Steam {steam.Kind}: {e.HomeTeam} v {e.AwayTeam} {steam.Market} {steam.Outcome} {steam.FromProbability:P0}→{steam.ToProbability:P0} at {string.Join(", ", steam.Bookmakers)} (first {steam.FirstMover})")));
                }
            }

            var latest = board.Events.SelectMany(e => e.Steam).Select(m => m.DetectedUtc).DefaultIfEmpty(Memory.LastSteamUtc.GetValueOrDefault(sport)).Max();
            Memory.LastSteamUtc[sport] = latest;
        }
    }
}

[GenerateSerializer]
public sealed class MarketIntelligenceMemory
{
    [Id(0)] public Dictionary<string, double> PollSeconds { get; set; } = [];
    [Id(1)] public Dictionary<string, DateTime> LastSteamUtc { get; set; } = [];
    [Id(2)] public long SteamAlerts { get; set; }
}

/// <summary>Database: times a persisted write (storage health) and prunes live-odds histories of events long over.</summary>
public sealed class DatabaseAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<DatabaseMemory>> record,
    IGrainFactory grains,
    IConfiguration configuration,
    ILogger<DatabaseAgent> logger) : AgentGrain<DatabaseMemory>(record, configuration, logger), IDatabaseAgent
{
    protected override AgentRole Role => AgentRole.Worker;

    protected override double DefaultTickSeconds => 30;

    protected override IReadOnlyList<string> Tools { get; } = ["storage.probe", "odds.prune", "notify"];

    protected override IReadOnlyDictionary<string, string> DescribeMemory() => new Dictionary<string, string>
    {
        ["writeMs"] = Memory.LastWriteMs.ToString("F1", CultureInfo.InvariantCulture),
        ["probeFailures"] = Memory.ProbeFailures.ToString(CultureInfo.InvariantCulture),
        ["pruned"] = Memory.Pruned.ToString(CultureInfo.InvariantCulture),
    };

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            Memory.LastWriteMs = await UseToolAsync("storage.probe", () => grains.GetGrain<IStorageProbeGrain>("probe").ProbeAsync());
            Memory.ProbeFailures = 0;
        }
        catch (Exception e) when (e is not AgentToolRefusedException and not OutOfMemoryException)
        {
            Memory.ProbeFailures++;
            await UseToolAsync("notify", () => AlertAsync(
                new Alert("storage-unhealthy", "critical", AgentNames.Database, $"Storage write failed: {e.Message}")));
            throw;
        }

        var keep = TimeSpan.FromDays(Configuration.GetValue("Betting:Agents:Database:KeepEventDays", 7.0));
        var sports = (Configuration["Betting:LiveOdds:Sports"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var sport in sports)
        {
            Memory.Pruned += await UseToolAsync("odds.prune", () => grains.GetGrain<ILiveOddsGrain>(sport).PruneAsync(DateTime.UtcNow - keep));
        }
    }
}

[GenerateSerializer]
public sealed class DatabaseMemory
{
    [Id(0)] public double LastWriteMs { get; set; }
    [Id(1)] public int ProbeFailures { get; set; }
    [Id(2)] public long Pruned { get; set; }
}

/// <summary>The storage probe: one small persisted write, timed.</summary>
public sealed class StorageProbeGrain([PersistentState("probe", StorageNames.Betting)] IPersistentState<StorageProbeState> state) : Grain, IStorageProbeGrain
{
    public async Task<double> ProbeAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        state.State.Writes++;
        state.State.LastUtc = DateTime.UtcNow;
        await state.WriteStateAsync();
        return clock.Elapsed.TotalMilliseconds;
    }
}

[GenerateSerializer]
public sealed class StorageProbeState
{
    [Id(0)] public long Writes { get; set; }
    [Id(1)] public DateTime LastUtc { get; set; }
}
