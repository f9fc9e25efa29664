using System.Diagnostics;
using System.Text.Json;
using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Strategies;

// Plain timed runners (speed goals live here, never in unit tests):
//   dotnet run -c Release --project tests/Benchmarks -- backtest-kernel [--json]
//   dotnet run -c Release --project tests/Benchmarks -- import [--json]
var json = args.Contains("--json");
var which = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "backtest-kernel";
var data = Path.GetFullPath(Path.Combine(FindRoot(), "..", "shared", "data", "football-data"));
var files = Directory.GetFiles(data, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

object report = which switch
{
    "import" => Import(files),
    "backtest-kernel" => Kernel(files),
    _ => throw new ArgumentException($"unknown benchmark '{which}': backtest-kernel or import"),
};

Console.WriteLine(json
    ? JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true })
    : string.Join(Environment.NewLine, report.GetType().GetProperties().Select(p => $"{p.Name,-32} {p.GetValue(report)}")));
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
    return new { benchmark = "import", files = files.Length, rows, rounds, rowsPerSecond = Math.Round(rows * rounds / seconds) };
}

static object Kernel(string[] files)
{
    var matches = files.SelectMany(f =>
    {
        using var s = File.OpenRead(f);
        return FootballDataCsvReader.Read(s, Path.GetFileName(f)).Matches;
    }).ToArray();
    var timeline = new MarketTimeline(matches);
    var strategy = new BaselineStrategy(BaselineSide.Favourite, PriceSource.Pinnacle, Phase.Closing);
    // A bankroll that never runs dry, so every match is bet exactly as in the plain loop.
    var options = BacktestOptions.FlatUnits with { BootstrapSamples = 0, InitialBankroll = 1e9 };

    // Hand-written loop over the same arrays: same price lookups, same settlement, no engine.
    static double Loop(MarketTimeline t)
    {
        var profit = 0.0;
        foreach (var m in t.Matches)
        {
            double h = double.NaN, d = double.NaN, a = double.NaN;
            foreach (var q in m.Quotes)
            {
                if (q.Source == PriceSource.Pinnacle && q.Phase == Phase.Closing && q.Market == MarketType.MatchOdds)
                {
                    switch (q.Outcome)
                    {
                        case Outcome.Home: h = q.Price; break;
                        case Outcome.Draw: d = q.Price; break;
                        case Outcome.Away: a = q.Price; break;
                    }
                }
            }

            if (double.IsNaN(h) || double.IsNaN(d) || double.IsNaN(a))
            {
                continue;
            }

            var outcome = d < Math.Min(h, a) ? Outcome.Draw : h <= a ? Outcome.Home : Outcome.Away;
            var price = outcome switch { Outcome.Home => h, Outcome.Draw => d, _ => a };
            profit += Settlement.UnitReturn(MarketType.MatchOdds, outcome, double.NaN, price, m.Result!);
        }

        return profit;
    }

    var engineProfit = BacktestEngine.Run(timeline, strategy, options).Metrics.Profit;
    var loopProfit = Loop(timeline);
    if (Math.Abs(engineProfit - loopProfit) > 1e-6)
    {
        throw new InvalidOperationException($"engine and loop disagree: {engineProfit} vs {loopProfit}");
    }

    double Rate(Action run, int evaluationsPerRun)
    {
        for (var i = 0; i < 3; i++)
        {
            run();
        }

        var runs = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(3))
        {
            run();
            runs++;
        }

        return runs * (double)evaluationsPerRun / clock.Elapsed.TotalSeconds;
    }

    var engine = Rate(() => BacktestEngine.Run(timeline, strategy, options), timeline.Count);
    var loop = Rate(() => Loop(timeline), timeline.Count);
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
