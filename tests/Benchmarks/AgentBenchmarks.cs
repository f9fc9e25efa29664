using System.Diagnostics;
using System.Globalization;
using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Views;
using Orleans.Betting.Ledger;

namespace Orleans.Betting.Benchmarks;

/// <summary>
/// The agents alone on synthetic markets, each run on a fresh embedded silo in this process:
/// ground truth (a planted stale book must be found, deployed and bet at a profit; the edge-free
/// control must deploy nothing or have every bet held for approval) and the wall time of a season.
/// </summary>
public static class AgentBenchmarks
{
    private static Dictionary<string, string?> Settings(int seed, string plant, int leagues, string seasons, int learning) =>
        new()
        {
            ["Betting:Market:Source"] = "synthetic",
            ["Betting:Market:Seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["Betting:Market:Plant"] = plant,
            ["Betting:Market:Leagues"] = leagues.ToString(CultureInfo.InvariantCulture),
            ["Betting:Market:Seasons"] = seasons,
            ["Betting:Agents:LearningSeasons"] = learning.ToString(CultureInfo.InvariantCulture),
            ["Betting:Agents:TickSeconds"] = "0.1",
            ["Betting:Agents:SearchShare"] = "1000000", // the clock is as fast as the agents: budget by the candidate cap
            ["Betting:Clock:Speed"] = "100000000",
        };

    private sealed record Outcome(
        int Seed,
        string Plant,
        int Cycles,
        int Deployed,
        int Bets,
        int Settled,
        double Roi,
        double StaleProfit,
        int HeldForApproval,
        double Seconds
    );

    private static async Task<Outcome> RunAsync(int port, int seed, string plant, int leagues, string seasons, int learning)
    {
        var (host, grains, dir) = await SwarmBenchmarks.StartSiloAsync(port, Settings(seed, plant, leagues, seasons, learning));
        try
        {
            var clock = Stopwatch.StartNew();
            foreach (var (name, _) in AgentNames.All)
            {
                await grains.Agent(name).StartAsync("benchmark");
            }

            var orchestrator = grains.Agent(AgentNames.Orchestrator);
            AgentStatus status;
            while (true)
            {
                status = await orchestrator.GetStatusAsync();
                if (
                    status.MemoryAs<OrchestratorView>().Finished
                    || status.State == AgentState.Faulted
                    || clock.Elapsed > TimeSpan.FromMinutes(20)
                )
                {
                    break;
                }

                await Task.Delay(250);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            var report = await grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).GetReportAsync();
            var held = (await grains.GetGrain<IApprovalQueueGrain>(IApprovalQueueGrain.Key).ListAsync()).Count;
            return new Outcome(
                seed,
                plant,
                status.MemoryAs<OrchestratorView>().Cycle,
                status.MemoryAs<OrchestratorView>().Deployed,
                report.Bets,
                report.Settled,
                Math.Round(report.Roi, 4),
                Math.Round(report.ProfitBySource.GetValueOrDefault("SoftBook") + report.ProfitBySource.GetValueOrDefault("MarketMax"), 2),
                held,
                Math.Round(seconds, 1)
            );
        }
        finally
        {
            await SwarmBenchmarks.StopAsync(host, dir);
        }
    }

    public static async Task<object> GroundTruthAsync(int seeds, int controls)
    {
        var port = 26000;
        var planted = new List<Outcome>();
        var control = new List<Outcome>();
        var clock = Stopwatch.StartNew();
        for (var s = 0; s < seeds; s++)
        {
            planted.Add(await RunAsync(port += 2, 100 + s, "stale-book", 1, "2015-2016..2019-2020", 4));
            Console.Error.WriteLine($"stale-book seed {planted[^1].Seed}: {planted[^1]}");
        }

        for (var s = 0; s < controls; s++)
        {
            control.Add(await RunAsync(port += 2, 200 + s, "none", 1, "2015-2016..2019-2020", 4));
            Console.Error.WriteLine($"control seed {control[^1].Seed}: {control[^1]}");
        }

        return new
        {
            benchmark = "agents-ground-truth",
            seeds,
            foundAndProfitable = planted.Count(o => o.Deployed > 0 && o.Roi > 0 && o.StaleProfit > 0),
            controls,
            controlsClean = control.Count(o => o.Deployed == 0 || o.Bets == 0),
            seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            planted,
            control,
        };
    }

    public static async Task<object> SeasonAsync(int leagues)
    {
        var outcome = await RunAsync(27000, 7, "stale-book", leagues, "2015-2016..2020-2021", 5);
        return new
        {
            benchmark = "agents-season",
            leagues,
            tradedSeasons = 1,
            cycles = outcome.Cycles,
            deployed = outcome.Deployed,
            bets = outcome.Bets,
            roi = outcome.Roi,
            wallSeconds = outcome.Seconds,
        };
    }
}
