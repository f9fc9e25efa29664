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

/// <summary>
/// One simulated month of the agents trading (the first 30 market days after their first bet, on the synthetic
/// market with the planted stale book: a demo whose profit is the plant's), run once without and once with the
/// consensus' second round. Reported: the work the orchestrator asked on the bus (requests, answered, timed out
/// by kind), the portfolio sizer's drawdown against quarter-Kelly sized bet by bet on the same bets, the
/// calibration of the deployed strategies and the consensus, and what deliberation changed (bets, CLV, ROI).
/// </summary>
public static class AgentMonthBenchmark
{
    public static async Task<object> RunAsync(int seed, string plant)
    {
        var without = await OneAsync(28000, seed, plant, deliberate: false);
        var with = await OneAsync(28010, seed, plant, deliberate: true);
        return new
        {
            benchmark = "agents-month",
            market = $"synthetic S1, seed {seed}, planted edge '{plant}' (a demo: its profit comes from the plant)",
            firstRoundOnly = without,
            deliberated = with,
        };
    }

    private static async Task<object> OneAsync(int port, int seed, string plant, bool deliberate)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Betting:Market:Source"] = "synthetic",
            ["Betting:Market:Seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["Betting:Market:Plant"] = plant,
            ["Betting:Market:Seasons"] = "2015-2016..2019-2020",
            ["Betting:Agents:LearningSeasons"] = "4",
            ["Betting:Agents:TickSeconds"] = "0.1",
            ["Betting:Agents:SearchShare"] = "1000000",
            ["Betting:Agents:Deliberate"] = deliberate ? "true" : "false",
            // A week of market time per 4 s of wall time: the agents' own pace, not the machine's limit.
            ["Betting:Clock:Speed"] = (86400.0 * 7 / 4).ToString(CultureInfo.InvariantCulture),
        };
        var (host, grains, dir) = await SwarmBenchmarks.StartSiloAsync(port, settings);
        try
        {
            var clock = Stopwatch.StartNew();
            foreach (var (name, _) in AgentNames.All)
            {
                await grains.Agent(name).StartAsync("benchmark");
            }

            var orchestrator = grains.Agent(AgentNames.Orchestrator);
            var ledger = grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper);
            DateTime? first = null;
            while (clock.Elapsed < TimeSpan.FromMinutes(15))
            {
                var view = (await orchestrator.GetStatusAsync()).MemoryAs<OrchestratorView>();
                var bets = await ledger.GetBetsAsync();
                first ??= bets.Count > 0 ? bets.Min(b => b.PlacedUtc) : null;
                if (view.Finished || (first is { } f && view.NextWindowUtc is { } next && next > f.AddDays(37)))
                {
                    break;
                }

                await Task.Delay(500);
            }

            // The month: bets placed in the 30 market days from the first, settled by now (a week later).
            var all = await ledger.GetBetsAsync();
            var start = first ?? DateTime.MinValue;
            var month = all.Where(b => b.PlacedUtc < start.AddDays(30))
                .OrderBy(b => b.KickoffUtc)
                .ThenBy(b => b.Id, StringComparer.Ordinal)
                .ToList();
            var settled = month.Where(b => b.Status != BetStatus.Open).ToList();
            var flows = await orchestrator.GetFlowsAsync();
            var insights = Insights.Compute(settled);
            var report = await ledger.GetReportAsync();
            return new
            {
                cycles = (await orchestrator.GetStatusAsync()).MemoryAs<OrchestratorView>().Cycle,
                wallSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
                bets = month.Count,
                settled = settled.Count,
                roiPercent = Math.Round(100 * settled.Sum(b => b.Profit) / Math.Max(1e-9, settled.Sum(b => b.Stake)), 2),
                meanClvPercent = settled.Where(b => b.Clv is not null).Select(b => b.Clv!.Value).DefaultIfEmpty(double.NaN).Average()
                    is var c
                && double.IsFinite(c)
                    ? Math.Round(100 * c, 2)
                    : (double?)null,
                bus = flows.Select(f => new
                {
                    f.To,
                    f.Kind,
                    f.Requests,
                    f.Answered,
                    f.TimedOut,
                }),
                sizing = Drawdowns(settled, report.InitialBankroll),
                calibration = insights.Calibration.Select(r => new
                {
                    r.Strategy,
                    r.Bets,
                    brier = Math.Round(r.Brier, 4),
                    logLoss = Math.Round(r.LogLoss, 4),
                    meanProbability = Math.Round(r.MeanProbability, 3),
                    winRate = Math.Round(r.WinRate, 3),
                }),
            };
        }
        finally
        {
            await SwarmBenchmarks.StopAsync(host, dir);
        }
    }

    // Max drawdown (share of the peak) of the month's settled bets as the portfolio sizer staked them, and staked bet by bet at
    // a quarter of single-bet Kelly on the bankroll of the moment (no caps, no portfolio view), in kick-off order.
    private static object Drawdowns(IReadOnlyList<PaperBet> settled, double bankroll)
    {
        var (portfolioDrawdown, portfolioStaked) = Path(settled.Select(b => (b.Stake, Unit(b))), bankroll);
        var independent = new List<(double Stake, double Unit)>();
        var money = bankroll;
        foreach (var b in settled.Where(b => b.Probability is not null))
        {
            var stake = Math.Max(0, 0.25 * Quant.Kelly.Single(b.Price, b.Probability!.Value) * money);
            independent.Add((stake, Unit(b)));
            money += stake * Unit(b);
        }

        var (independentDrawdown, independentStaked) = Path(independent, bankroll);
        return new
        {
            portfolioMaxDrawdownPercent = Math.Round(100 * portfolioDrawdown, 2),
            portfolioStaked = Math.Round(portfolioStaked, 2),
            independentMaxDrawdownPercent = Math.Round(100 * independentDrawdown, 2),
            independentStaked = Math.Round(independentStaked, 2),
        };

        static double Unit(PaperBet b) => b.Stake > 0 ? b.Profit / b.Stake : 0;

        static (double Drawdown, double Staked) Path(IEnumerable<(double Stake, double Unit)> bets, double start)
        {
            double money = start,
                peak = start,
                worst = 0,
                staked = 0;
            foreach (var (stake, unit) in bets)
            {
                money += stake * unit;
                staked += stake;
                peak = Math.Max(peak, money);
                worst = Math.Max(worst, (peak - money) / peak);
            }

            return (worst, staked);
        }
    }
}
