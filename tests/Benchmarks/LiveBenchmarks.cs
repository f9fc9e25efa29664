using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Views;
using Orleans.Betting.Clock;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Ledger;
using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Silo.Simulation;
using Orleans.Betting.Storage;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Benchmarks;

/// <summary>
/// The live market on an embedded silo in this process, through the real path (the simulator over
/// loopback HTTP, the worker pool, the token bucket, the live store, the orchestrator):
/// tick-to-decision latency, and a 30-simulated-day live run checked against the simulator's truth.
/// </summary>
public static class LiveBenchmarks
{
    /// <summary>The simulator's clock, accelerated like the cluster's market time (its rate limiter keeps real time).</summary>
    private sealed class MarketClockProvider(MarketTime market) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(market.UtcNow, TimeSpan.Zero);
    }

    private sealed record TickReport(
        int Events,
        int Bookmakers,
        int Polls,
        int DecisionsPerPoll,
        int BetsPlaced,
        double P50Ms,
        double P99Ms,
        double MaxMs,
        double IngestP50Ms,
        double TradeP50Ms,
        string Goal
    );

    /// <summary>
    /// From a poll's response in hand to the paper bets placed for the events it changed: ingest into
    /// the store, the decision snapshots, the consensus of the deployed strategies, risk, the offers,
    /// the ledger. 200 listed EPL events × 9 bookmakers (the simulator), E0 history from the shared
    /// football-data files, a decision lead every 10 market minutes so every poll makes every listed
    /// event due again.
    /// </summary>
    public static async Task<object> TickToDecisionAsync(int events, int polls, string sharedData)
    {
        const double speed = 600; // ten market minutes a second
        var anchor = DateTime.UtcNow;
        var start = new DateTime(anchor.Year, anchor.Month, anchor.Day, anchor.Hour, 0, 0, DateTimeKind.Utc);
        var market = new MarketTime(TimeProvider.System, start, anchor, speed);
        var simulator = await OddsApiSimulator.StartAsync(
            new SimulatorOptions
            {
                ApiKey = "bench",
                Seed = 16,
                EventsAhead = events,
                RequestsPerSecond = 200,
                Burst = 200,
                MonthlyQuota = 100_000_000,
            },
            time: new MarketClockProvider(market)
        );
        var leads = string.Join(",", Enumerable.Range(1, 6 * 60).Select(i => (i / 6.0).ToString("0.####", CultureInfo.InvariantCulture)));
        var seasons = Directory
            .GetFiles(Path.Combine(sharedData, "E0"), "*.csv")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .TakeLast(6)
            .ToList();
        var (host, grains, dir) = await SwarmBenchmarks.StartSiloAsync(
            40100,
            new Dictionary<string, string?>(market.Settings().Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)))
            {
                ["Betting:Market:Source"] = "live",
                ["Betting:Market:History"] = "import",
                ["Betting:Market:Leagues"] = "E0",
                ["Betting:Market:Seasons"] = string.Join(",", seasons),
                ["Betting:LiveOdds:Sports"] = "soccer_epl",
                ["Betting:LiveOdds:Regions"] = "uk,eu,us,au",
                ["Betting:LiveOdds:Markets"] = "h2h,totals",
                ["Betting:LiveOdds:DecisionLeadHours"] = leads,
                ["Betting:LiveOdds:MaxQuoteAgeMinutes"] = "120",
                ["Betting:Apis:Odds:BaseUrl"] = simulator.BaseUrl,
                ["Betting:Apis:Odds:ApiKey"] = "bench",
                ["Betting:Apis:Odds:CacheSeconds"] = "0",
                ["Betting:Apis:odds:TokensPerSecond"] = "100",
                ["Betting:Apis:odds:Burst"] = "100",
                // The orchestrator prepares on its first tick, then waits for the benchmark's trigger.
                ["Betting:Agents:orchestrator:TickSeconds"] = "100000",
                ["Betting:Agents:MaxCandidates"] = "20",
                ["Betting:Risk:MaxPerDay"] = "1",
                ["Betting:Risk:MaxPerLeague"] = "1",
            }
        );
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(sharedData, "E0"), "*.csv").Order(StringComparer.Ordinal))
            {
                await grains.GetGrain<IMarketImportGrain>(0).ImportCsvAsync(Path.GetFileName(file), await File.ReadAllBytesAsync(file));
            }

            // Three deployed strategies that bet often on these prices.
            string[] specs =
            [
                "consensus-value:alpha=0,phase=opening",
                "consensus-value:alpha=0.01,phase=opening",
                "consensus-value:alpha=0.02,phase=opening",
            ];
            foreach (var text in specs)
            {
                var spec = StrategySpec.Parse(text);
                var id = spec.Id;
                await grains.GetGrain<IStrategyGrain>(id).DefineAsync(spec);
                await grains.GetGrain<IStrategyGrain>(id).TransitionAsync(StrategyLifecycle.Deployed, "benchmark");
                await grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).RegisterAsync(id, spec, "benchmark");
            }

            var store = grains.GetGrain<ILiveMarketGrain>("soccer_epl");
            var pool = grains.GetGrain<IApiWorkerGrain>(0);
            var query = new OddsQuery("soccer_epl", "uk,eu,us,au", "h2h,totals");
            await store.IngestAsync((await pool.GetOddsAsync(query, RequestPriority.High)).Events, market.UtcNow);
            foreach (var (name, _) in AgentNames.All)
            {
                await grains.Agent(name).StartAsync("benchmark");
            }

            var orchestrator = grains.GetGrain<IOrchestratorAgent>(AgentNames.Orchestrator);
            var ready = Stopwatch.StartNew();
            while ((await grains.Agent(AgentNames.Orchestrator).GetStatusAsync()).MemoryAs<OrchestratorView>().Live is null)
            {
                if (ready.Elapsed > TimeSpan.FromMinutes(2))
                {
                    throw new InvalidOperationException("the orchestrator did not prepare the live market");
                }

                await Task.Delay(200);
            }

            var total = new List<double>();
            var ingest = new List<double>();
            var trade = new List<double>();
            var decided = new List<int>();
            var bets = 0;
            var books = 0;
            for (var i = 0; i < polls + 3; i++)
            {
                await Task.Delay(1100); // a new decision lead passes every market ten minutes
                var response = await pool.GetOddsAsync(query, RequestPriority.High);
                books = response.Events.Select(e => e.Bookmakers?.Count ?? 0).DefaultIfEmpty().Max();
                var clock = Stopwatch.StartNew();
                var report = await store.IngestAsync(response.Events, market.UtcNow);
                var ingested = clock.Elapsed.TotalMilliseconds;
                var placed = await orchestrator.TradeNowAsync();
                var ms = clock.Elapsed.TotalMilliseconds;
                if (i >= 3) // warm-up polls
                {
                    total.Add(ms);
                    ingest.Add(ingested);
                    trade.Add(ms - ingested);
                    decided.Add(report.Events);
                    bets += placed;
                }
            }

            total.Sort();
            ingest.Sort();
            trade.Sort();
            double Q(List<double> xs, double q) => xs[Math.Min(xs.Count - 1, (int)Math.Ceiling(q * xs.Count) - 1)];
            return new TickReport(
                (int)decided.Average(),
                books,
                total.Count,
                (int)decided.Average(),
                bets,
                Math.Round(Q(total, 0.5), 1),
                Math.Round(Q(total, 0.99), 1),
                Math.Round(total[^1], 1),
                Math.Round(Q(ingest, 0.5), 1),
                Math.Round(Q(trade, 0.5), 1),
                "p99 ≤ 250 ms on 2 cores"
            );
        }
        finally
        {
            await SwarmBenchmarks.StopAsync(host, dir);
            await simulator.DisposeAsync();
        }
    }

    private sealed record RunReport(
        int Seed,
        int Leagues,
        double SimulatedDays,
        double WallSeconds,
        int EventsSeen,
        int EventsSettled,
        int EventsVoided,
        int BetsPlaced,
        int BetsSettled,
        int BetsVoided,
        int BetsOpen,
        int SettledEqualToTruth,
        double Staked,
        double LedgerProfit,
        double RecomputedProfit,
        double Roi,
        double? MeanClv,
        long CreditsUsed,
        long MonthlyCredits,
        double? ForecastMonth,
        string? Plan,
        long Polls,
        IReadOnlyList<StorageMark> Storage
    );

    /// <summary>The database at a simulated day: rows, bytes, the largest record, and writes since the previous reading per simulated day.</summary>
    private sealed record StorageMark(
        double Day,
        long Rows,
        long Bytes,
        string Largest,
        long LargestBytes,
        double WritesPerDay,
        double BytesWrittenPerDay
    );

    private sealed record RunsReport(
        int Seeds,
        int Leagues,
        int BetsSettled,
        int SettledEqualToTruth,
        double Staked,
        double Profit,
        double PooledRoi,
        double RoiStandardError,
        double? MeanClv,
        int SeedsWithPositiveRoi,
        int SeedsWithPositiveClv,
        IReadOnlyList<RunReport> Runs
    );

    /// <summary>
    /// The 30-day live run once per seed (seeds 7, 8, …), pooled: one run of one league settles a dozen
    /// bets, far too few for an ROI to mean anything, so the ROI claim is made over every seed's bets
    /// with its standard error (stake-weighted returns, per-bet variance).
    /// </summary>
    public static async Task<object> ThirtyDaysAsync(double days, double speed, long monthlyCredits, int leagues, int seeds)
    {
        var runs = new List<RunReport>();
        var returns = new List<(double Stake, double Profit)>();
        for (var seed = 7; seed < 7 + seeds; seed++)
        {
            var (run, settled) = await OneRunAsync(days, speed, monthlyCredits, leagues, seed);
            Console.Error.WriteLine(
                $"seed {seed}: {run.BetsSettled} settled, ROI {run.Roi:P1}, CLV {run.MeanClv:P1}, {run.SettledEqualToTruth} equal to the truth"
            );
            runs.Add(run);
            returns.AddRange(settled);
        }

        var staked = returns.Sum(r => r.Stake);
        var profit = returns.Sum(r => r.Profit);
        var roi = staked > 0 ? profit / staked : 0;
        // The pooled ROI is a ratio estimator: its variance from each bet's deviation from the pooled return.
        var variance = returns.Sum(r => Math.Pow(r.Profit - roi * r.Stake, 2)) / Math.Max(1e-9, staked * staked);
        var clvs = runs.Where(r => r.MeanClv is not null).ToList();
        return new RunsReport(
            seeds,
            leagues,
            runs.Sum(r => r.BetsSettled),
            runs.Sum(r => r.SettledEqualToTruth),
            Math.Round(staked, 2),
            Math.Round(profit, 2),
            Math.Round(roi, 4),
            Math.Round(Math.Sqrt(variance), 4),
            clvs.Count == 0
                ? null
                : Math.Round(clvs.Sum(r => r.MeanClv!.Value * r.BetsSettled) / Math.Max(1, clvs.Sum(r => r.BetsSettled)), 4),
            runs.Count(r => r.Roi > 0),
            runs.Count(r => r.MeanClv > 0),
            runs
        );
    }

    /// <summary>
    /// A 30-simulated-day live run of the agents on the simulator's continuation of a planted synthetic
    /// history at an accelerated clock: events, bets, credits against the plan, every settled bet against
    /// the simulator's true result, the ledger against a recomputation, CLV and ROI.
    /// </summary>
    private static async Task<(RunReport Run, List<(double Stake, double Profit)> Settled)> OneRunAsync(
        double days,
        double speed,
        long monthlyCredits,
        int leagues,
        int seed
    )
    {
        var history = new SimulationOptions(
            seed,
            leagues,
            ["2018-2019", "2019-2020", "2020-2021", "2021-2022", "2022-2023"],
            MarketPlant.StaleBook
        );
        var simulator = await OddsApiSimulator.StartAsync(
            new SimulatorOptions
            {
                ApiKey = "bench",
                Seed = seed,
                RequestsPerSecond = 100,
                Burst = 100,
                MonthlyQuota = monthlyCredits,
            }
        );
        var feed = SyntheticLiveFeed.StartingBefore(history, TimeSpan.FromHours(52), speed);
        var start = feed.Time.StartUtc!.Value;
        simulator.Attach(feed);
        var sports = Enumerable.Range(1, leagues).Select(i => $"soccer_synthetic_s{i}").ToList();
        var (host, grains, dir) = await SwarmBenchmarks.StartSiloAsync(
            40200,
            new Dictionary<string, string?>(feed.Time.Settings().Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)))
            {
                ["Betting:Market:Source"] = "live",
                ["Betting:Market:History"] = "synthetic",
                ["Betting:Market:Seed"] = seed.ToString(CultureInfo.InvariantCulture),
                ["Betting:Market:Plant"] = "stale-book",
                ["Betting:Market:Seasons"] = "2018-2019..2022-2023",
                ["Betting:Market:Leagues"] = leagues.ToString(CultureInfo.InvariantCulture),
                ["Betting:LiveOdds:Sports"] = string.Join(",", sports),
                ["Betting:LiveOdds:PollSeconds"] = "1",
                ["Betting:LiveOdds:DecisionLeadHours"] = "48,12",
                ["Betting:LiveOdds:MaxQuoteAgeMinutes"] = "360",
                ["Betting:LiveOdds:SettleEveryMinutes"] = "180",
                ["Betting:Apis:Odds:BaseUrl"] = simulator.BaseUrl,
                ["Betting:Apis:Odds:ApiKey"] = "bench",
                ["Betting:Apis:Odds:CacheSeconds"] = "0.2",
                ["Betting:Apis:odds:TokensPerSecond"] = "50",
                ["Betting:Agents:TickSeconds"] = "0.25",
                ["Betting:Agents:MaxCandidates"] = "60",
                ["Betting:Agents:MaxDeployed"] = "3",
            }
        );
        try
        {
            var wall = Stopwatch.StartNew();
            foreach (var (name, _) in AgentNames.All)
            {
                await grains.Agent(name).StartAsync("benchmark");
            }

            var end = start.AddDays(days);
            // (The market started at the anchor: the run ends when its clock has gone the days.)
            // The soak's storage figures: the database at simulated day 1, at a third of the run and at its end.
            var inspector = host.Services.GetRequiredService<IStorageInspector>();
            var marks = new Queue<double>(new[] { 1, Math.Round(days / 3), days }.Where(d => d <= days).Distinct());
            var readings = new List<(double Day, StorageSnapshot Snapshot)> { (0, await inspector.ReadAsync(3, CancellationToken.None)) };
            while (marks.Count > 0)
            {
                if (feed.Time.UtcNow >= start.AddDays(marks.Peek()) || (marks.Count == 1 && feed.Time.UtcNow >= end))
                {
                    readings.Add(((feed.Time.UtcNow - start).TotalDays, await inspector.ReadAsync(3, CancellationToken.None)));
                    marks.Dequeue();
                    continue;
                }

                await Task.Delay(500);
            }

            var storage = readings
                .Skip(1)
                .Select(
                    (r, i) =>
                        new StorageMark(
                            Math.Round(r.Day, 1),
                            r.Snapshot.GrainTypes.Sum(t => t.Rows),
                            r.Snapshot.GrainTypes.Sum(t => t.Bytes),
                            r.Snapshot.Largest.FirstOrDefault() is { } big ? $"{big.Type} {big.Key}" : "-",
                            r.Snapshot.Largest.FirstOrDefault()?.Bytes ?? 0,
                            Math.Round((r.Snapshot.VersionSum - readings[i].Snapshot.VersionSum) / Math.Max(1e-9, r.Day - readings[i].Day)),
                            Math.Round(
                                (r.Snapshot.VersionBytes - readings[i].Snapshot.VersionBytes) / Math.Max(1e-9, r.Day - readings[i].Day)
                            )
                        )
                )
                .ToList();
            foreach (var m in storage)
            {
                Console.Error.WriteLine(
                    $"  storage at day {m.Day}: {m.Rows:N0} rows, {m.Bytes:N0} bytes; largest {m.Largest} {m.LargestBytes:N0} B; "
                        + $"since the last reading {m.WritesPerDay:N0} writes and ~{m.BytesWrittenPerDay:N0} bytes per simulated day"
                );
            }

            var ledger = grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper);
            var bets = await ledger.GetBetsAsync();
            var report = await ledger.GetReportAsync();
            var truth = Enumerable
                .Range(1, leagues)
                .SelectMany(i => feed.Matches($"S{i}", start.AddDays(-1), end.AddDays(4)))
                .ToDictionary(m => m.Id);
            var equal = 0;
            var recomputed = 0.0;
            var settled = new List<(double Stake, double Profit)>();
            foreach (var b in bets.Where(b => b.Status is not (BetStatus.Open or BetStatus.Void)))
            {
                var profit =
                    b.Stake
                    * Settlement.UnitReturn(
                        b.Selection.Market,
                        b.Selection.Outcome,
                        b.Selection.LineOrNaN,
                        b.Price,
                        truth[b.MatchId].Result!
                    );
                recomputed += profit;
                settled.Add((b.Stake, b.Profit));
                if (Math.Abs(profit - b.Profit) < 1e-6)
                {
                    equal++;
                }
            }

            var statuses = await Task.WhenAll(sports.Select(sport => grains.GetGrain<ILiveMarketGrain>(sport).GetStatusAsync()));
            var plan = await grains.GetGrain<IApiManagerAgent>(AgentNames.ApiManager).QuotaPlanAsync();
            var stats = simulator.Stats();
            var run = new RunReport(
                seed,
                leagues,
                days,
                Math.Round(wall.Elapsed.TotalSeconds, 1),
                (int)statuses.Sum(live => live.Settled + live.Voided + live.Upcoming + live.Awaiting),
                (int)statuses.Sum(live => live.Settled),
                (int)statuses.Sum(live => live.Voided),
                bets.Count,
                bets.Count(b => b.Status is not (BetStatus.Open or BetStatus.Void)),
                bets.Count(b => b.Status == BetStatus.Void),
                bets.Count(b => b.Status == BetStatus.Open),
                equal,
                Math.Round(settled.Sum(x => x.Stake), 2),
                Math.Round(report.Profit, 2),
                Math.Round(recomputed, 2),
                Math.Round(report.Roi, 4),
                report.MeanClv is { } clv ? Math.Round(clv, 4) : null,
                stats.CreditsTotal,
                plan?.MonthlyCredits ?? monthlyCredits,
                plan?.ForecastMonth is { } f ? Math.Round(f) : null,
                plan?.State,
                statuses.Sum(live => live.Polls),
                storage
            );
            return (run, settled);
        }
        finally
        {
            await SwarmBenchmarks.StopAsync(host, dir);
            await simulator.DisposeAsync();
        }
    }
}
