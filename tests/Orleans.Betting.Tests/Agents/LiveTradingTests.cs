using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Views;
using Orleans.Betting.Ledger;
using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Silo.Simulation;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Agents;

/// <summary>
/// The agents trade the simulator's live market (the seasons after the synthetic history they
/// learn from) through the real path — HTTP, pool, bucket, live store, consensus, risk, ledger —
/// on an accelerated market clock, and settle from the scores feed.
/// </summary>
[Collection(MachineWideCollection.Name)]
[Trait(Tier.Name, Tier.System)]
public sealed class LiveTradingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheAgentsTradeTheLiveMarketAtNamedBookmakersAndSettleEveryBetToTheTruth()
    {
        const double speed = 7200; // two market hours a second
        var history = new SimulationOptions(7, 1, ["2019-2020", "2020-2021", "2021-2022", "2022-2023"], MarketPlant.StaleBook);
        SyntheticLiveFeed? feed = null;
        await using var env = await SimulatedApiCluster.StartAsync(
            "live-trading",
            new SimulatorOptions
            {
                Seed = 3,
                RequestsPerSecond = 50,
                Burst = 50,
            },
            silos: 1,
            configuration: new Dictionary<string, string?>
            {
                ["Betting:Market:Source"] = "live",
                ["Betting:Market:History"] = "synthetic",
                ["Betting:Market:Seed"] = "7",
                ["Betting:Market:Plant"] = "stale-book",
                ["Betting:Market:Seasons"] = "2019-2020..2022-2023",
                ["Betting:Market:Leagues"] = "1",
                ["Betting:LiveOdds:Sports"] = "soccer_synthetic_s1",
                ["Betting:LiveOdds:PollSeconds"] = "1",
                ["Betting:LiveOdds:MaxQuoteAgeMinutes"] = "240",
                ["Betting:LiveOdds:SettleEveryMinutes"] = "60",
                ["Betting:Apis:Odds:CacheSeconds"] = "0.1",
                ["Betting:Apis:odds:TokensPerSecond"] = "40",
                ["Betting:Agents:TickSeconds"] = "0.25",
                ["Betting:Agents:MaxCandidates"] = "40",
                ["Betting:Agents:MaxDeployed"] = "3",
            },
            prepare: simulator =>
            {
                feed = SyntheticLiveFeed.StartingBefore(history, TimeSpan.FromHours(52), speed);
                simulator.Attach(feed);
                // The cluster's market time is the simulator's: the same start, anchor and speed.
                return feed.Time.Settings().ToDictionary(p => p.Key, p => (string?)p.Value);
            }
        );
        foreach (var (name, _) in AgentNames.All)
        {
            await env.Grains.Agent(name).StartAsync("test");
        }

        var orchestrator = env.Grains.Agent(AgentNames.Orchestrator);
        var ledger = env.Grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper);
        // The first matchday: bets placed at the decision leads, settled two hours after kick-off.
        await Eventually.WaitAsync(
            async () => (await ledger.GetReportAsync()).Settled >= 3,
            TimeSpan.FromMinutes(5),
            async () =>
            {
                var bets = await ledger.GetBetsAsync();
                var trades = (await orchestrator.GetDecisionsAsync(500))
                    .Where(d => d.Kind == DecisionKind.LiveTrade || d.Kind == DecisionKind.LiveVoid)
                    .TakeLast(8);
                return string.Join(" | ", (await orchestrator.GetStatusAsync()).Memory.Select(m => $"{m.Key}={m.Value}"))
                    + $"\nbets: {string.Join("; ", bets.Select(b => $"{b.MatchId} {b.Selection} {b.Status} kick-off {b.KickoffUtc:u}"))}"
                    + $"\ntrades: {string.Join("\n", trades.Select(d => $"{d.Choice}: {string.Join(" / ", d.Reasons)} [{string.Join(", ", d.Inputs.Select(i => $"{i.Key}={i.Value}"))}]"))}";
            }
        );

        var status = await orchestrator.GetStatusAsync();
        output.WriteLine(string.Join("\n", status.Memory.Select(m => $"{m.Key}: {m.Value}")));
        Assert.True(status.MemoryAs<OrchestratorView>().IsLive);
        var bets = await ledger.GetBetsAsync();
        var report = await ledger.GetReportAsync();
        output.WriteLine(
            $"{report.Bets} bets, {report.Settled} settled, profit {report.Profit:F2}, ROI {report.Roi:P1}, CLV {report.MeanClv:P1}"
        );
        Assert.Equal(bets.Count, bets.Select(b => b.Id).Distinct().Count()); // none placed twice
        var truth = feed!.Matches("S1", feed.LiveStartUtc.AddDays(-1), feed.LiveStartUtc.AddDays(60)).ToDictionary(m => m.Id);
        string[] books = ["pinnacle", "bet365", "williamhill", "betandwin", "ladbrokes_uk", "softbook", "valuebook"];
        foreach (var b in bets)
        {
            output.WriteLine(
                $"{b.Id} @ {b.Price} {b.Bookmaker} quoted {b.QuoteUtc:u} placed {b.PlacedUtc:u} kick-off {b.KickoffUtc:u} → {b.Status} {b.Profit:F2} CLV {b.Clv:P1} ({b.ClvBasis})"
            );
            Assert.Contains(b.Bookmaker, books); // a named bookmaker, never an aggregate
            Assert.True(
                b.QuoteUtc <= b.PlacedUtc && b.PlacedUtc - b.QuoteUtc <= TimeSpan.FromMinutes(240),
                $"{b.Id}: quote {b.QuoteUtc:u}, placed {b.PlacedUtc:u}"
            );
            Assert.True(b.PlacedUtc < b.KickoffUtc, $"{b.Id} placed after commence");
            Assert.True(truth.ContainsKey(b.MatchId), $"{b.MatchId} is not a live match of the simulator");
            Assert.NotEmpty(b.Strategies!);
        }

        // Every settled bet is the simulator's true result, recomputed here.
        foreach (var b in bets.Where(b => b.Status != BetStatus.Open))
        {
            var match = truth[b.MatchId];
            var unit = Settlement.UnitReturn(b.Selection.Market, b.Selection.Outcome, b.Selection.LineOrNaN, b.Price, match.Result!);
            Assert.Equal(Math.Round(b.Stake * unit, 6), Math.Round(b.Profit, 6));
            Assert.Equal("pinnacle", b.ClvBasis); // the sharp close, captured at commence
            Assert.NotNull(b.Clv);
        }

        var decisions = await orchestrator.GetDecisionsAsync(500);
        Assert.Contains(decisions, d => d.Kind == DecisionKind.Market && d.Choice.StartsWith("live:", StringComparison.Ordinal));
        Assert.Contains(
            decisions,
            d => d.Kind == DecisionKind.LiveTrade && d.Reasons.Any(r => r.Contains(" at ", StringComparison.Ordinal))
        );
        var five = DecisionKind.EveryCycle;
        Assert.All(five, k => Assert.Contains(decisions, d => d.Kind == k && d.Cycle == 1));

        var live = await env.Grains.GetGrain<ILiveMarketGrain>("soccer_synthetic_s1").GetStatusAsync();
        Assert.Equal(("S1", 0), (live.League, live.Unmapped.Count));
        Assert.True(live.Settled >= 1);
    }
}
