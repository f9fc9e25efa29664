using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Views;
using Orleans.Betting.Market;
using Orleans.Betting.Silo.Simulation;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Agents;

/// <summary>A steam move in the live feed becomes one alert a person sees, through the real agents, pool and webhook.</summary>
public sealed class SteamAlertTests(ITestOutputHelper output)
{
    [Fact]
    public async Task MarketIntelligenceTurnsASteamMoveIntoOneAlertAtTheWebhook()
    {
        await using var hook = await WebhookReceiver.StartAsync();
        // No random walk and no random steam: the only move is the one the test injects.
        await using var env = await SimulatedApiCluster.StartAsync(
            "steam-alert",
            new SimulatorOptions
            {
                Seed = 4,
                DriftPerTick = 0,
                SteamProbabilityPerTick = 0,
                MonthlyQuota = 100_000_000,
            },
            silos: 1,
            configuration: FastHealth.Settings(
                hook,
                new Dictionary<string, string?>
                {
                    ["Betting:LiveOdds:Sports"] = "soccer_epl",
                    ["Betting:LiveOdds:PollSeconds"] = "1",
                    ["Betting:LiveOdds:PollNearMinutes"] = "0.01",
                    ["Betting:LiveOdds:PollDayMinutes"] = "0.01",
                    ["Betting:LiveOdds:PollFarMinutes"] = "0.01",
                    ["Betting:LiveOdds:PollIdleMinutes"] = "0.01",
                    ["Betting:Apis:Odds:MonthlyCredits"] = "100000000",
                }
            )
        );
        var grains = env.Grains;
        foreach (var name in new[] { AgentNames.ApiManager, AgentNames.MarketIntelligence, AgentNames.Notification })
        {
            await grains.Agent(name).StartAsync("test");
        }

        var board = grains.GetGrain<ILiveOddsGrain>("soccer_epl");
        await Eventually.WaitAsync(async () => (await board.GetBoardAsync()).Polls >= 1, TimeSpan.FromSeconds(30));

        // Money on the home side of a listed event: the sharp books move now, one more book a market minute later.
        var sim = env.Simulator;
        var number = sim.Market.Upcoming(sim.Now).Skip(5).First();
        var eventId = sim.Market.EventId(0, number);
        var (home, _) = sim.Market.Teams(0, number);
        sim.Market.InjectMove(0, number, sim.Now, 0.6);
        var polls = (await board.GetBoardAsync()).Polls;
        await Eventually.WaitAsync(async () => (await board.GetBoardAsync()).Polls > polls, TimeSpan.FromSeconds(30));
        sim.AdvanceClock(TimeSpan.FromMinutes(1));

        var key = $"steam|{eventId}|h2h|{home}|1";
        await Eventually.WaitAsync(() => Task.FromResult(hook.WithKey(key).Count > 0), TimeSpan.FromSeconds(30));
        var alert = Assert.Single(hook.WithKey(key));
        var text = alert.Body.GetProperty("text").GetString()!;
        output.WriteLine(text);
        Assert.Contains($"h2h {home}", text, StringComparison.Ordinal);
        Assert.Contains("pinnacle", text, StringComparison.Ordinal);

        // More polls of the same move, and the rest of the books following, raise nothing new for that side.
        var more = (await board.GetBoardAsync()).Polls;
        sim.AdvanceClock(TimeSpan.FromMinutes(3));
        await Eventually.WaitAsync(async () => (await board.GetBoardAsync()).Polls >= more + 3, TimeSpan.FromSeconds(30));
        var view = (await grains.Agent(AgentNames.MarketIntelligence).GetStatusAsync()).MemoryAs<MarketIntelligenceView>();
        Assert.True(view.SteamAlerts >= 1);
        Assert.Single(hook.WithKey(key));

        // The same move is a signal in our terms the orchestrator reads before placing: a pick on the away side
        // of that match is against the money, one on the home side is not.
        var signals = await grains.GetGrain<IMarketIntelligenceAgent>(AgentNames.MarketIntelligence).SteamSignalsAsync();
        var signal = Assert.Single(
            signals,
            x => x.EventId == eventId && x.Selection == Selection.Of(MarketType.MatchOdds, Outcome.Home, double.NaN)
        );
        Assert.Equal(("soccer_epl", "shortening"), (signal.Sport, signal.Kind));
        Assert.True(signal.ToProbability > signal.FromProbability);
        var now = signal.DetectedUtc.AddMinutes(5);
        // The injected move alone: the simulator's own random moves on this event (a draw shortening on some
        // days of the wall calendar the simulator starts from) may add signals of their own.
        IReadOnlyList<SteamSignal> injected = [signal];
        Assert.NotNull(
            Orleans.Betting.Agents.Decisions.SteamCheck.Against(Selection.Of(MarketType.MatchOdds, Outcome.Away, double.NaN), injected, now)
        );
        Assert.Null(
            Orleans.Betting.Agents.Decisions.SteamCheck.Against(Selection.Of(MarketType.MatchOdds, Outcome.Home, double.NaN), injected, now)
        );
    }
}
