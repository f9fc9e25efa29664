using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Agents;

/// <summary>ApiManager: reads every API's bucket and quota; advises a slower polling pace as the quota runs short.</summary>
public sealed class ApiManagerAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<ApiManagerMemory>> record,
    IGrainFactory grains,
    AgentContext context,
    IOptions<Market.Live.LiveOddsOptions> liveOdds,
    ILogger<ApiManagerAgent> logger
) : AgentGrain<ApiManagerMemory>(record, context, logger), IApiManagerAgent
{
    protected override AgentRole Role => AgentRole.Worker;

    protected override double DefaultTickSeconds => 10;

    protected override IReadOnlyList<string> Tools { get; } = [ToolNames.ApisBuckets, ToolNames.ApisUsage];

    protected override IReadOnlyDictionary<string, string> DescribeMemory() =>
        new Dictionary<string, string>
        {
            ["pollSeconds"] = Memory.PollSeconds.ToString("0", CultureInfo.InvariantCulture),
            ["apis"] = Memory.Summary ?? "-",
        };

    public Task<double> RecommendedPollSecondsAsync() => Task.FromResult(Memory.PollSeconds);

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        var basePoll = liveOdds.Value.PollSeconds;
        var states = await UseToolAsync(
            ToolNames.ApisBuckets,
            () => Task.WhenAll(ApiNames.All.Select(a => grains.GetGrain<ITokenBucketGrain>(a).GetStateAsync()))
        );
        var odds = states.Single(s => s.Api == ApiNames.Odds);
        var (factor, reason) =
            odds is { QuotaRemaining: { } left, QuotaUsed: { } used } && left + used > 0
                ? (left / (double)(left + used)) switch
                {
                    < 0.05 => (8.0, $"odds quota {left} of {left + used} left (< 5 %): poll 8× slower"),
                    < 0.20 => (2.0, $"odds quota {left} of {left + used} left (< 20 %): poll 2× slower"),
                    _ => (1.0, $"odds quota {left} of {left + used} left: normal pace"),
                }
                : (1.0, "odds quota not known yet: normal pace");
        var poll = basePoll * factor;
        Memory.Summary = string.Join(
            "; ",
            states.Select(s =>
                $"{s.Api} {s.AvailableTokens} tokens, quota {s.QuotaRemaining?.ToString(CultureInfo.InvariantCulture) ?? "?"}{(s.Paused ? ", paused" : "")}"
            )
        );
        if (Math.Abs(poll - Memory.PollSeconds) > 1e-9)
        {
            Decide(
                0,
                "poll-pace",
                $"{poll:0} s",
                [$"{basePoll:0} s", $"{basePoll * 2:0} s", $"{basePoll * 8:0} s"],
                new Dictionary<string, string> { ["quotaRemaining"] = odds.QuotaRemaining?.ToString(CultureInfo.InvariantCulture) ?? "?" },
                [reason]
            );
            Memory.PollSeconds = poll;
        }
    }
}

[GenerateSerializer]
public sealed class ApiManagerMemory
{
    [Id(0)]
    public double PollSeconds { get; set; } = 60;

    [Id(1)]
    public string? Summary { get; set; }
}
