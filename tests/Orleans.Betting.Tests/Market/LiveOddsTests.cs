using Orleans.Betting.ExternalApis;
using Orleans.Betting.Market;
using Orleans.Betting.Silo.Simulation;

namespace Orleans.Betting.Tests.Market;

/// <summary>Live odds from the simulator through the pool into event grains: line movement, steam, timed polling.</summary>
public sealed class LiveOddsTests
{
    [Fact]
    public async Task PollsStoreLineMovementAndFlagASteamMoveOnce()
    {
        // No random walk: the only move is the one the test injects.
        await using var env = await SimulatedApiCluster.StartAsync(
            "live-odds",
            new SimulatorOptions
            {
                Seed = 4,
                DriftPerTick = 0,
                SteamProbabilityPerTick = 0,
            },
            silos: 1,
            configuration: new Dictionary<string, string?> { ["Betting:Apis:odds:TokensPerSecond"] = "20" }
        );
        var sim = env.Simulator;
        var live = env.Grains.GetGrain<ILiveOddsGrain>("soccer_epl");
        var request = new LivePollRequest("uk,eu", "h2h,totals", RequestPriority.High);

        var first = await live.PollAsync(request);
        Assert.Equal(12, first.Events);
        Assert.Equal(12 * 6 * 5, first.PriceChanges); // every series opens: 6 books × (3 + 2) outcomes
        Assert.Empty(first.NewSteam);

        // Money on the home side of an event from the sixth on whose away side is no long shot (the shift must
        // leave the away price, not only the draw's): sharp books move now, soft books later.
        async Task<bool> AwayIsNoLongShotAsync(long number)
        {
            var (_, awayTeam) = sim.Market.Teams(0, number);
            var opened = await env.Grains.GetGrain<IOddsEventGrain>(sim.Market.EventId(0, number)).GetAsync();
            return opened?.Lines.Any(l => l.Market == "h2h" && l.Outcome == awayTeam && l.ReferenceCurrent <= 4.0) == true;
        }

        var k = -1L;
        foreach (var number in sim.Market.Upcoming(sim.Now).Skip(5).Take(6))
        {
            if (await AwayIsNoLongShotAsync(number))
            {
                k = number;
                break;
            }
        }

        Assert.True(k >= 0, "no listed event with a live away side to move");
        var eventId = sim.Market.EventId(0, k);
        var (home, away) = sim.Market.Teams(0, k);
        sim.Market.InjectMove(0, k, sim.Now, 0.6);

        var second = await live.PollAsync(request);
        Assert.Empty(second.NewSteam); // two books (pinnacle, betfair) are not yet a market move
        Assert.True(second.PriceChanges >= 4);

        sim.AdvanceClock(TimeSpan.FromMinutes(1)); // marathonbet follows after one tick
        var third = await live.PollAsync(request);
        var steam = third.NewSteam.Single(m => m.Outcome == home);
        Assert.Equal((1, "h2h"), (steam.Direction, steam.Market));
        Assert.Contains(steam.FirstMover, new[] { "pinnacle", "betfair_ex_eu" });
        Assert.Equal(["betfair_ex_eu", "pinnacle", "marathonbet"], steam.Bookmakers);
        Assert.True(steam.ToProbability - steam.FromProbability >= 0.04);
        Assert.Contains(third.NewSteam, m => m.Outcome == away && m.Direction == -1);

        sim.AdvanceClock(TimeSpan.FromMinutes(3)); // the rest of the books follow: not reported again
        var fourth = await live.PollAsync(request);
        Assert.DoesNotContain(fourth.NewSteam, m => m.Outcome == home && m.Direction == 1);

        var view = (await env.Grains.GetGrain<IOddsEventGrain>(eventId).GetAsync())!;
        Assert.Equal((home, away), (view.HomeTeam, view.AwayTeam));
        var line = view.Lines.Single(l => l.Market == "h2h" && l.Outcome == home);
        Assert.Equal("pinnacle", line.ReferenceBookmaker);
        Assert.True(line.ReferenceCurrent < line.ReferenceOpening * 0.85, $"{line.ReferenceOpening} → {line.ReferenceCurrent}");
        Assert.Equal(6, line.Bookmakers);
        var history = await env
            .Grains.GetGrain<IOddsEventGrain>(eventId)
            .GetHistoryAsync(new PriceSeriesKey("h2h", home, null, "williamhill"));
        Assert.Equal(2, history.Count); // opening, then the move once William Hill caught up
        Assert.True(history[1].AtUtc > history[0].AtUtc);

        var board = await live.GetBoardAsync();
        Assert.Equal(4, board.Polls);
        Assert.True(board.Events.Count >= 12);
        Assert.Equal(board.Events.Select(e => e.CommenceTime).Order(), board.Events.Select(e => e.CommenceTime));
        Assert.Contains(board.Events, e => e.EventId == eventId && e.Steam.Count >= 2);
    }

    [Fact]
    public async Task TimedPollingRunsUntilStopped()
    {
        await using var env = await SimulatedApiCluster.StartAsync("live-timer", new SimulatorOptions { Seed = 2 }, silos: 1);
        var live = env.Grains.GetGrain<ILiveOddsGrain>("soccer_germany_bundesliga");
        await live.StartPollingAsync(new LivePollRequest("eu", "h2h", RequestPriority.Background), TimeSpan.FromSeconds(1));
        await Eventually.WaitAsync(async () => (await live.GetBoardAsync()).Polls >= 3, TimeSpan.FromSeconds(20));
        var board = await live.GetBoardAsync();
        Assert.True(board.Polls >= 3, $"{board.Polls} polls");
        Assert.Equal(1, board.PollSeconds);
        Assert.Null(board.LastError);
        await live.StopPollingAsync();
        var stopped = (await live.GetBoardAsync()).Polls;
        await Task.Delay(2500);
        Assert.Equal(stopped, (await live.GetBoardAsync()).Polls);
        Assert.Null((await live.GetBoardAsync()).Polling);
    }
}
