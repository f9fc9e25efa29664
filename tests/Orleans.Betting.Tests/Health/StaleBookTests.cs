using Orleans.Betting.Health;
using Orleans.Betting.Market;
using Orleans.Betting.Silo.Simulation;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Health;

/// <summary>
/// The stale-bookmaker check end to end: live odds polled from the simulator over loopback HTTP, one
/// bookmaker stops publishing while the market's clock runs on; the monitor sees its prices fall
/// behind the freshest book's, opens one incident (people are told: a stale book is a trap for value
/// bets, not a fault the system can mend), and resolves it once the book publishes again.
/// </summary>
public sealed class StaleBookTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ABookmakerThatStopsPublishingIsFlaggedOnceAndClearedWhenItReturns()
    {
        await using var hook = await WebhookReceiver.StartAsync();
        await using var env = await SimulatedApiCluster.StartAsync(
            "stale-book",
            new SimulatorOptions { Seed = 9 },
            silos: 1,
            configuration: FastHealth.Settings(hook, new Dictionary<string, string?> { ["Betting:LiveOdds:Sports"] = "soccer_epl" })
        );
        var grains = env.Grains;
        var board = grains.GetGrain<ILiveOddsGrain>("soccer_epl");
        await board.StartPollingAsync(new LivePollRequest("uk,eu", "h2h"), TimeSpan.FromSeconds(1));
        await Eventually.WaitAsync(async () => (await board.GetBoardAsync()).BookmakerUpdates?.Count >= 6, TimeSpan.FromSeconds(20));

        // A normal market first: soft books lag the sharp ones by a few minutes, which is no finding.
        var monitor = grains.GetGrain<IHealthMonitorGrain>(IHealthMonitorGrain.Key);
        await monitor.StartAsync();
        env.Simulator.AdvanceClock(TimeSpan.FromMinutes(10));
        await Task.Delay(3000);
        Assert.DoesNotContain(await monitor.GetIncidentsAsync(), i => i.Subject.StartsWith("book:", StringComparison.Ordinal));

        // William Hill stops publishing; the market moves on 35 minutes.
        env.Simulator.StallBookmaker("williamhill", TimeSpan.FromMinutes(5));
        env.Simulator.AdvanceClock(TimeSpan.FromMinutes(35));
        var stalled = DateTime.UtcNow;
        IncidentView? incident = null;
        await Eventually.WaitAsync(
            async () =>
            {
                // The incident list is read interleaved with a sample: wait for the opening's alert step too.
                incident = (await monitor.GetIncidentsAsync()).FirstOrDefault(i => i.Subject == "book:williamhill");
                return incident is { Actions.Count: > 0 };
            },
            TimeSpan.FromSeconds(30),
            async () => string.Join(" | ", (await monitor.GetIncidentsAsync()).Select(i => $"{i.Subject} {i.Kind}"))
        );
        Assert.NotNull(incident);
        output.WriteLine(
            $"incident {incident.Id} {incident.Kind} {(incident.DetectedUtc - stalled).TotalSeconds:F1} s after the stall: {incident.Evidence}"
        );
        Assert.Equal("StalePrices", incident.Kind);
        Assert.Contains("williamhill's soccer_epl prices last changed 3", incident.Evidence); // 35–36 min behind
        Assert.Equal(["notify"], incident.Actions.Select(a => a.Action));
        var books = (await monitor.GetIncidentsAsync())
            .Where(i => i.Subject.StartsWith("book:", StringComparison.Ordinal))
            .Select(i => i.Subject);
        Assert.Equal(["book:williamhill"], books); // the books that kept publishing are not flagged

        // One alert reaches the webhook.
        await Eventually.WaitAsync(() => Task.FromResult(hook.WithKey($"incident|{incident.Id}").Count > 0), TimeSpan.FromSeconds(30));
        Assert.Contains("williamhill", Assert.Single(hook.WithKey($"incident|{incident.Id}")).Body.GetProperty("text").GetString());

        // The book publishes again: the next polls bring it level and the incident resolves by itself.
        env.Simulator.ClearFaults();
        var back = DateTime.UtcNow;
        await Eventually.WaitAsync(
            async () => (await monitor.GetIncidentsAsync()).Single(i => i.Id == incident.Id).ResolvedUtc is not null,
            TimeSpan.FromSeconds(30)
        );
        var resolved = (await monitor.GetIncidentsAsync()).Single(i => i.Id == incident.Id);
        output.WriteLine($"resolved {(resolved.ResolvedUtc!.Value - back).TotalSeconds:F1} s after the book returned");
        Assert.Single(hook.WithKey($"incident|{incident.Id}"));
        await board.StopPollingAsync();
    }
}
