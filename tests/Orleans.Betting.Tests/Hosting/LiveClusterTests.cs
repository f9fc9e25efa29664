using System.Text.Json;
using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Hosting;

/// <summary>
/// Three Cluster-profile silo processes on PostgreSQL trade the simulator's live market (the seasons
/// after a synthetic history, served over loopback HTTP on a shared accelerated clock); one is
/// SIGKILLed mid-run: no acknowledged bet is lost, none is placed twice, settlement goes on.
/// </summary>
[Collection(MachineWideCollection.Name)]
[Trait(Tier.Name, Tier.System)]
public sealed class LiveClusterTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task ClusterSilosTradeTheLiveMarketAndASigkillLosesNoBetAndSettlementGoesOn()
    {
        await using var live = await SimulatedLiveMarket.StartAsync(7, "cluster-key");
        var feed = live.Feed;
        var env = live.SiloEnvironment(
            await TestPostgres.CreateDatabaseAsync("livecluster"),
            new Dictionary<string, string> { ["Betting__Health__Enabled"] = "false" }
        );

        using var dirs = new TempDirectory("livecluster");
        var silos = Enumerable
            .Range(0, 3)
            .Select(i => SiloProcess.Start(Path.Combine(dirs.Path, $"s{i}"), env, ["--profile", "Cluster"]))
            .ToList();
        try
        {
            await Task.WhenAll(silos.Select(s => s.WaitReadyAsync(TimeSpan.FromSeconds(120))));
            async Task<List<JsonElement>> BetsAsync(SiloProcess via) =>
                (await ClientProcess.RunJsonAsync(via, "ledger", "--json", "--last", "1000")).GetProperty("bets").EnumerateArray().ToList();

            // Trading live: bets at named bookmakers before the kill.
            List<JsonElement> before = [];
            var deadline = DateTime.UtcNow.AddMinutes(4);
            while (DateTime.UtcNow < deadline && (before = await BetsAsync(silos[0])).Count < 3)
            {
                await Task.Delay(2000);
            }

            Assert.True(before.Count >= 3, $"only {before.Count} bets before the kill");
            var victim = silos[0];
            var survivor = silos[1];
            var settledBefore = before.Count(b => b.GetProperty("status").GetString() is not "Open");
            victim.Kill();
            output.WriteLine($"killed silo {victim.SiloPort} with {before.Count} bets in the ledger, {settledBefore} settled");

            // Settlement goes on on the survivors, and more bets come.
            List<JsonElement> after = [];
            deadline = DateTime.UtcNow.AddMinutes(4);
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    after = await BetsAsync(survivor);
                    if (
                        after.Count(b => b.GetProperty("status").GetString() is not "Open") >= settledBefore + 3
                        && after.Count > before.Count
                        && after.Any(b => b.GetProperty("status").GetString() is not ("Open" or "Void")) // one settled on a result
                    )
                    {
                        break;
                    }
                }
                catch (Xunit.Sdk.XunitException)
                {
                    // The cluster is still declaring the victim dead.
                }

                await Task.Delay(2000);
            }

            var ids = after.Select(b => b.GetProperty("id").GetString()!).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count()); // none placed twice
            Assert.All(before, b => Assert.Contains(b.GetProperty("id").GetString(), ids)); // none lost
            var settled = after.Where(b => b.GetProperty("status").GetString() is not "Open").ToList();
            Assert.True(settled.Count >= settledBefore + 3, $"{settled.Count} settled after the kill, {settledBefore} before");
            Assert.True(after.Count > before.Count, "trading went on after the kill");

            // Every bet settled with a result is the simulator's true result, at a named bookmaker's quote. A bet may
            // be voided instead: the agents come back within the keep-alive reminder (a wall minute), which on this
            // clock is days of market time, and an event finished longer ago than the scores window is voided, with the reason.
            var truth = feed.Matches("S1", feed.LiveStartUtc.AddDays(-1), feed.LiveStartUtc.AddDays(90)).ToDictionary(m => m.Id);
            foreach (var b in settled.Where(b => b.GetProperty("status").GetString() == "Void"))
            {
                Assert.StartsWith("no completed score", b.GetProperty("note").GetString());
            }

            Assert.Contains(settled, b => b.GetProperty("status").GetString() != "Void");
            foreach (var b in settled.Where(b => b.GetProperty("status").GetString() != "Void"))
            {
                var match = truth[b.GetProperty("matchId").GetString()!];
                var selection = Selection.Parse(b.GetProperty("outcome").GetString()!);
                var expected =
                    b.GetProperty("stake").GetDouble()
                    * Settlement.UnitReturn(
                        selection.Market,
                        selection.Outcome,
                        selection.LineOrNaN,
                        b.GetProperty("price").GetDouble(),
                        match.Result!
                    );
                Assert.Equal(Math.Round(expected, 6), Math.Round(b.GetProperty("profit").GetDouble(), 6));
                Assert.False(string.IsNullOrEmpty(b.GetProperty("bookmaker").GetString()));
            }

            output.WriteLine(
                $"{after.Count} bets, {settled.Count} settled, profit {settled.Sum(b => b.GetProperty("profit").GetDouble()):F2}"
            );

            // The PerformanceAnalyst explains the same ledger through the client: every settled bet in each breakdown,
            // and the probabilities the stakes were sized on scored (bets now carry them).
            // Trading goes on meanwhile: the analyst's count lies between the ledger's just before and just after.
            static int Settled(List<JsonElement> bets) => bets.Count(b => b.GetProperty("status").GetString() is not "Open");
            var explainedFrom = Settled(await BetsAsync(survivor));
            var insights = await ClientProcess.RunJsonAsync(survivor, "insights", "--json");
            var explainedTo = Settled(await BetsAsync(survivor));
            var explained = insights.GetProperty("settled").GetInt32();
            Assert.InRange(explained, explainedFrom, explainedTo);
            foreach (var dimension in new[] { "league", "market", "oddsBand", "tier", "bookmaker" })
            {
                Assert.Equal(
                    explained,
                    insights.GetProperty("breakdowns").GetProperty(dimension).EnumerateArray().Sum(r => r.GetProperty("bets").GetInt32())
                );
            }

            var consensus = insights
                .GetProperty("calibration")
                .EnumerateArray()
                .First(c => c.GetProperty("strategy").GetString() == "consensus");
            Assert.InRange(consensus.GetProperty("brier").GetDouble(), 0, 1);
            Assert.StartsWith("simulated live market", insights.GetProperty("market").GetString());
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }
}
