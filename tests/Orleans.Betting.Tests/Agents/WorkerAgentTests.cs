using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orleans.Betting.Agents;
using Orleans.Betting.Api;
using Orleans.Betting.Market;
using Orleans.Betting.Silo.Simulation;
using Orleans.Betting.Tests.Infrastructure;
using Xunit;

namespace Orleans.Betting.Tests.Agents;

/// <summary>The worker and intelligence agents doing their duties in a cluster wired to the odds simulator and a loopback webhook.</summary>
public sealed class WorkerAgentTests
{
    [Fact]
    public async Task SelfHealingRestartsThenEscalatesLoggingRecordsNotificationDeduplicatesAndTheOthersDoTheirWork()
    {
        var posts = new List<JsonElement>();
        await using var hook = await LoopbackServer.StartAsync(app => app.MapPost("/{**rest}", async (HttpContext ctx) =>
        {
            lock (posts)
            {
                posts.Add(JsonSerializer.Deserialize<JsonElement>(new StreamReader(ctx.Request.Body).ReadToEndAsync().Result));
            }

            await Task.CompletedTask;
            return Results.Ok();
        }));

        await using var env = await SimulatedApiCluster.StartAsync("agents-workers", new SimulatorOptions { Seed = 5 }, silos: 1,
            configuration: new Dictionary<string, string?>
            {
                // Two seasons are too few for the orchestrator: it faults every time it starts.
                ["Betting:Market:Seasons"] = "2015-2016..2016-2017",
                ["Betting:Agents:TickSeconds"] = "0.2",
                ["Betting:Agents:SelfHealing:CooldownSeconds"] = "0.5",
                ["Betting:Agents:SelfHealing:MaxRestartsPerHour"] = "2",
                ["Betting:LiveOdds:Sports"] = "soccer_epl",
                ["Betting:LiveOdds:PollSeconds"] = "2",
                ["Betting:Notifications:WebhookUrl"] = hook.BaseUrl + "hooks/ops",
            });
        var grains = env.Grains;
        foreach (var (name, _) in AgentNames.All)
        {
            await grains.Agent(name).StartAsync("test");
        }

        var healer = grains.Agent(AgentNames.SelfHealing);
        await Eventually.WaitAsync(async () => (await healer.GetStatusAsync()).Memory["escalated"].Contains(AgentNames.Orchestrator), TimeSpan.FromSeconds(60));

        // SelfHealing restarted the orchestrator twice, then left it to a human.
        var orchestrator = await grains.Agent(AgentNames.Orchestrator).GetStatusAsync();
        Assert.Equal(AgentState.Faulted, orchestrator.State);
        Assert.Contains("at least 4", orchestrator.LastError);
        Assert.Equal(2, orchestrator.Transitions.Count(t => t.Reason.StartsWith("self-healing restart after", StringComparison.Ordinal)));

        // One alert for the incident reached the webhook.
        await Eventually.WaitAsync(() => Task.FromResult(posts.Any(p => p.GetProperty("key").GetString() == "agent-faulted|orchestrator")), TimeSpan.FromSeconds(15));
        var notifier = grains.GetGrain<INotificationAgent>(AgentNames.Notification);
        await notifier.NotifyAsync(new Alert("agent-faulted|orchestrator", "critical", "test", "the same incident again"));
        await Task.Delay(1000);
        Assert.Single(posts, p => p.GetProperty("key").GetString() == "agent-faulted|orchestrator");
        Assert.Equal("critical", posts.First(p => p.GetProperty("key").GetString() == "agent-faulted|orchestrator").GetProperty("severity").GetString());
        Assert.True(int.Parse((await notifier.GetStatusAsync()).Memory["suppressed"], System.Globalization.CultureInfo.InvariantCulture) >= 1);

        // The audit trail holds SelfHealing's decisions.
        var logging = grains.GetGrain<ILoggingAgent>(AgentNames.Logging);
        await Eventually.WaitAsync(async () => (await logging.QueryAsync(AgentNames.SelfHealing, "escalate")).Count == 1, TimeSpan.FromSeconds(10));
        Assert.Equal(2, (await logging.QueryAsync(AgentNames.SelfHealing, "restart")).Count);

        // MarketIntelligence keeps soccer_epl polling (through the pool, against the simulator) at the ApiManager's pace.
        var board = grains.GetGrain<ILiveOddsGrain>("soccer_epl");
        await Eventually.WaitAsync(async () => (await board.GetBoardAsync()).Polls >= 1, TimeSpan.FromSeconds(20));
        Assert.Equal(2, (await board.GetBoardAsync()).PollSeconds);

        // The quota runs short: the ApiManager advises polling 8× slower and MarketIntelligence follows.
        await grains.GetGrain<ITokenBucketGrain>(ApiNames.Odds).ReportQuotaAsync(10, 990);
        var manager = grains.GetGrain<IApiManagerAgent>(AgentNames.ApiManager);
        await Eventually.WaitAsync(async () => await manager.RecommendedPollSecondsAsync() == 16, TimeSpan.FromSeconds(10));
        await Eventually.WaitAsync(async () => (await board.GetBoardAsync()).PollSeconds == 16, TimeSpan.FromSeconds(10));
        Assert.Contains(await manager.GetDecisionsAsync(), d => d.Kind == "poll-pace" && d.Reasons[0].Contains("< 5 %"));

        // Database: storage answers a timed write.
        var database = await grains.Agent(AgentNames.Database).GetStatusAsync();
        Assert.True(double.Parse(database.Memory["writeMs"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("0", database.Memory["probeFailures"]);
    }

}
