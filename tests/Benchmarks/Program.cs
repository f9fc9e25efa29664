using System.Diagnostics;
using System.Text.Json;
using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Strategies;

// Plain timed runners (speed goals live here, never in unit tests):
//   dotnet run -c Release --project tests/Benchmarks -- backtest-kernel [--json]
//   dotnet run -c Release --project tests/Benchmarks -- import [--json]
//   dotnet run -c Release --project tests/Benchmarks -- swarm-power [--evidence clv|returns] [--rows 0.10:0.50:2,0.20:0.15:4 | --edges 0.02,0.04 --share 0.15 --leagues 2] [--seeds 40] [--first-seed 1] [--candidates 100] [--no-control] [--oracle-only] [--realism calibrated|uncapped|classic] [--json]
//   dotnet run -c Release --project tests/Benchmarks -- market-realism [--seeds 10] [--realism calibrated|uncapped|classic] [--json]
//   dotnet run -c Release --project tests/Benchmarks -- real-walk-forward [--from 2018-2019] [--train 6] [--candidates 100] [--evidence clv|returns] [--json]
//   dotnet run -c Release --project tests/Benchmarks -- deliberation [--market E0|D1|…|synthetic] [--strategies 40] [--seed 1] [--deference 0.5] [--plant none|value-book:edge=0.04,share=0.15] [--json]
//   dotnet run -c Release --project tests/Benchmarks -- agents-month [--seed 7] [--plant stale-book] [--json]
//   dotnet run -c Release --project tests/Benchmarks -- live-tick [--events 200] [--polls 40] [--json]
//   dotnet run -c Release --project tests/Benchmarks -- live-run [--days 30] [--speed 10800] [--credits 20000] [--leagues 1] [--seeds 1] [--json]
//   dotnet run -c Release --project tests/Benchmarks -- rate-limit [--rate 20] [--seconds 30] [--callers 32] [--json]
//   dotnet run -c Release --project tests/Benchmarks -- console [--bets 5000] [--rounds 7] [--json]
//   dotnet run -c Release --project tests/Benchmarks -- call-gate [--internal 20000] [--client 5000] [--concurrency 32] [--json]
var json = args.Contains("--json");
var which = args.FirstOrDefault() is { } first && !first.StartsWith("--", StringComparison.Ordinal) ? first : "backtest-kernel";
var data = Path.GetFullPath(Path.Combine(FindRoot(), "..", "shared", "data", "football-data"));
var files = Directory.GetFiles(data, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

string Text(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).DefaultIfEmpty(fallback).First();
int Arg(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).DefaultIfEmpty(fallback).First();

// swarm-power rows: --rows edge:share:leagues,… or the product of --edges with one --share and --leagues.
IReadOnlyList<Orleans.Betting.Benchmarks.SwarmPowerBenchmark.Row> PowerRows()
{
    double D(string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    if (Text("--rows", "") is { Length: > 0 } rows)
    {
        return rows.Split(',')
            .Select(r => r.Split(':'))
            .Select(p =>
                p.Length == 3
                    ? new Orleans.Betting.Benchmarks.SwarmPowerBenchmark.Row(
                        D(p[0]),
                        D(p[1]),
                        int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture)
                    )
                    : throw new ArgumentException($"--rows: '{string.Join(':', p)}' is not edge:share:leagues")
            )
            .ToArray();
    }

    return Text("--edges", "0.02,0.04,0.06,0.10")
        .Split(',')
        .Select(e => new Orleans.Betting.Benchmarks.SwarmPowerBenchmark.Row(D(e), D(Text("--share", "0.15")), Arg("--leagues", 2)))
        .ToArray();
}

object report = which switch
{
    "import" => Import(files),
    "backtest-kernel" => Kernel(files),
    "swarm-ground-truth" => await Orleans.Betting.Benchmarks.SwarmBenchmarks.GroundTruthAsync(
        Arg("--seeds", 10),
        Arg("--controls", 20),
        Arg("--candidates", 200)
    ),
    "swarm-power" => await Orleans.Betting.Benchmarks.SwarmPowerBenchmark.RunAsync(
        PowerRows(),
        Arg("--seeds", 20),
        Arg("--candidates", 100),
        Enum.Parse<Orleans.Betting.Swarms.GateEvidence>(Text("--evidence", "clv"), ignoreCase: true),
        args.Contains("--oracle-only"),
        control: !args.Contains("--no-control"),
        firstSeed: Arg("--first-seed", 1),
        realism: Enum.Parse<Orleans.Betting.Market.MarketRealism>(Text("--realism", "calibrated"), ignoreCase: true)
    ),
    "market-realism" => Orleans.Betting.Benchmarks.MarketRealismBenchmark.Run(
        files
            .SelectMany(f =>
            {
                using var s = File.OpenRead(f);
                return FootballDataCsvReader.Read(s, Path.GetFileName(f)).Matches;
            })
            .ToArray(),
        Arg("--seeds", 10),
        Enum.Parse<Orleans.Betting.Market.MarketRealism>(Text("--realism", "calibrated"), ignoreCase: true)
    ),
    "real-walk-forward" => await Orleans.Betting.Benchmarks.RealWalkForwardBenchmark.RunAsync(
        files,
        Text("--from", "2018-2019"),
        Arg("--train", 6),
        Arg("--candidates", 100),
        Enum.Parse<Orleans.Betting.Swarms.GateEvidence>(Text("--evidence", "clv"), ignoreCase: true)
    ),
    "swarm-wall-time" => await Orleans.Betting.Benchmarks.SwarmBenchmarks.WallTimeAsync(Arg("--candidates", 500)),
    "consensus-latency" => await Orleans.Betting.Benchmarks.SwarmBenchmarks.ConsensusLatencyAsync(
        Arg("--strategies", 1000),
        Arg("--rounds", 30)
    ),
    "agents-ground-truth" => await Orleans.Betting.Benchmarks.AgentBenchmarks.GroundTruthAsync(Arg("--seeds", 10), Arg("--controls", 20)),
    "agents-month" => await Orleans.Betting.Benchmarks.AgentMonthBenchmark.RunAsync(Arg("--seed", 7), Text("--plant", "stale-book")),
    "agents-season" => await Orleans.Betting.Benchmarks.AgentBenchmarks.SeasonAsync(Arg("--leagues", 5)),
    "live-tick" => await Orleans.Betting.Benchmarks.LiveBenchmarks.TickToDecisionAsync(Arg("--events", 200), Arg("--polls", 40), data),
    "live-run" => await Orleans.Betting.Benchmarks.LiveBenchmarks.ThirtyDaysAsync(
        Arg("--days", 30),
        Arg("--speed", 10800),
        Arg("--credits", 20000),
        Arg("--leagues", 1),
        Arg("--seeds", 1)
    ),
    "call-gate" => await Orleans.Betting.Benchmarks.CallGateBenchmark.RunAsync(
        Arg("--internal", 20000),
        Arg("--client", 5000),
        Arg("--concurrency", 32)
    ),
    "portfolio-sizing" => Orleans.Betting.Benchmarks.PortfolioSizingBenchmark.Run(
        Arg("--seeds", 200),
        Arg("--days", 365),
        Arg("--picks", 12),
        args.Contains("--uncapped")
    ),
    "deliberation" => await Orleans.Betting.Benchmarks.DeliberationBenchmark.RunAsync(
        files,
        Text("--market", "E0"),
        Arg("--strategies", 40),
        Arg("--seed", 1),
        double.Parse(Text("--deference", "0.5"), System.Globalization.CultureInfo.InvariantCulture),
        Text("--plant", "none")
    ),
    "kelly-solver" => Orleans.Betting.Benchmarks.KellySolverBenchmark.Run(Arg("--rounds", 5)),
    "rate-limit" => await Orleans.Betting.Benchmarks.RateLimitBenchmark.RunAsync(
        Arg("--rate", 20),
        Arg("--seconds", 30),
        Arg("--callers", 32)
    ),
    "console" => await Orleans.Betting.Benchmarks.ConsoleBenchmark.RunAsync(FindRoot(), Arg("--bets", 5000), Arg("--rounds", 7)),
    _ => throw new ArgumentException(
        $"unknown benchmark '{which}': console, backtest-kernel, import, swarm-ground-truth, swarm-power, market-realism, real-walk-forward, swarm-wall-time, consensus-latency, rate-limit, call-gate, portfolio-sizing, kelly-solver, deliberation, agents-ground-truth, agents-season, agents-month, live-tick or live-run"
    ),
};

Console.WriteLine(
    json
        ? JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true })
        : string.Join(Environment.NewLine, report.GetType().GetProperties().Select(p => $"{p.Name, -32} {p.GetValue(report)}"))
);
return 0;

static object Import(string[] files)
{
    var bytes = files.Select(File.ReadAllBytes).ToArray();
    var rows = 0;
    for (var warm = 0; warm < 2; warm++)
    {
        rows = bytes.Select((b, i) => FootballDataCsvReader.Read(new MemoryStream(b), Path.GetFileName(files[i])).RowsRead).Sum();
    }

    const int rounds = 5;
    var clock = Stopwatch.StartNew();
    for (var r = 0; r < rounds; r++)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            FootballDataCsvReader.Read(new MemoryStream(bytes[i]), Path.GetFileName(files[i]));
        }
    }

    var seconds = clock.Elapsed.TotalSeconds;
    return new
    {
        benchmark = "import",
        files = files.Length,
        rows,
        rounds,
        rowsPerSecond = Math.Round(rows * rounds / seconds),
    };
}

static object Kernel(string[] files)
{
    var matches = files
        .SelectMany(f =>
        {
            using var s = File.OpenRead(f);
            return FootballDataCsvReader.Read(s, Path.GetFileName(f)).Matches;
        })
        .ToArray();
    var timeline = new MarketTimeline(matches);
    var strategy = new BaselineStrategy(BaselineSide.Favourite, PriceSource.Pinnacle, Phase.Closing);
    // A bankroll that never runs dry, so every match is bet exactly as in the plain loop.
    var options = BacktestOptions.FlatUnits with
    {
        BootstrapSamples = 0,
        InitialBankroll = 1e9,
    };

    // Hand-written loop over the same arrays, producing the same figures as the engine (profit,
    // stake, wins, average price, CLV against the de-margined Pinnacle close, bankroll path and
    // drawdown, per-bet Sharpe) with no views, no strategy interface and no look-ahead checks.
    static (double Profit, double MeanClv, double MaxDrawdown, double Sharpe) Loop(MarketTimeline t)
    {
        double profit = 0,
            staked = 0,
            priceSum = 0,
            clvSum = 0,
            bankroll = 1e9,
            peak = 1e9,
            maxDrawdown = 0,
            sum = 0,
            sumSq = 0;
        int bets = 0,
            wins = 0,
            clvBets = 0;
        foreach (var m in t.Matches)
        {
            double h = double.NaN,
                d = double.NaN,
                a = double.NaN;
            foreach (var q in m.Quotes)
            {
                if (q.Source == PriceSource.Pinnacle && q.Phase == Phase.Closing && q.Market == MarketType.MatchOdds)
                {
                    switch (q.Outcome)
                    {
                        case Outcome.Home:
                            h = q.Price;
                            break;
                        case Outcome.Draw:
                            d = q.Price;
                            break;
                        case Outcome.Away:
                            a = q.Price;
                            break;
                    }
                }
            }

            if (double.IsNaN(h) || double.IsNaN(d) || double.IsNaN(a) || m.Result is null)
            {
                continue;
            }

            var outcome =
                d < Math.Min(h, a) ? Outcome.Draw
                : h <= a ? Outcome.Home
                : Outcome.Away;
            var price = outcome switch
            {
                Outcome.Home => h,
                Outcome.Draw => d,
                _ => a,
            };
            var unit = Settlement.UnitReturn(MarketType.MatchOdds, outcome, double.NaN, price, m.Result);
            bets++;
            staked += 1;
            profit += unit;
            priceSum += price;
            wins += unit > 0 ? 1 : 0;
            clvSum += price * (1 / price / (1 / h + 1 / d + 1 / a)) - 1;
            clvBets++;
            bankroll += unit;
            peak = Math.Max(peak, bankroll);
            maxDrawdown = Math.Max(maxDrawdown, peak - bankroll);
            sum += unit;
            sumSq += unit * unit;
        }

        var mean = sum / bets;
        var sd = Math.Sqrt((sumSq - bets * mean * mean) / (bets - 1));
        return (profit, clvSum / clvBets, maxDrawdown, mean / sd);
    }

    var engineMetrics = BacktestEngine.Run(timeline, strategy, options).Metrics;
    var engineProfit = engineMetrics.Profit;
    var looped = Loop(timeline);
    if (
        Math.Abs(engineProfit - looped.Profit) > 1e-6
        || Math.Abs(engineMetrics.MeanClv - looped.MeanClv) > 1e-9
        || Math.Abs(engineMetrics.MaxDrawdownAmount - looped.MaxDrawdown) > 1e-6
        || Math.Abs(engineMetrics.SharpePerBet - looped.Sharpe) > 1e-9
    )
    {
        throw new InvalidOperationException($"engine and loop disagree: {engineMetrics} vs {looped}");
    }

    // Alternate the two in rounds so both see the same machine state; report each one's median.
    double Rate(Action run)
    {
        var runs = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(1))
        {
            run();
            runs++;
        }

        return runs * (double)timeline.Count / clock.Elapsed.TotalSeconds;
    }

    void RunEngine() => BacktestEngine.Run(timeline, strategy, options);
    void RunLoop() => Loop(timeline);
    for (var warm = 0; warm < 30; warm++)
    {
        RunEngine();
        RunLoop();
    }

    var engineRates = new List<double>();
    var loopRates = new List<double>();
    for (var round = 0; round < 7; round++)
    {
        engineRates.Add(Rate(RunEngine));
        loopRates.Add(Rate(RunLoop));
    }

    var engine = engineRates.Order().ElementAt(3);
    var loop = loopRates.Order().ElementAt(3);
    return new
    {
        benchmark = "backtest-kernel",
        matches = timeline.Count,
        engineEvaluationsPerSecond = Math.Round(engine),
        loopEvaluationsPerSecond = Math.Round(loop),
        ratio = Math.Round(engine / loop, 3),
        profitUnits = Math.Round(engineProfit, 2),
    };
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Orleans.Betting.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Orleans.Betting.sln not found");
}
