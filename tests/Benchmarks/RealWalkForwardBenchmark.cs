using System.Diagnostics;
using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;
using Orleans.Betting.Swarms.Rules;

namespace Orleans.Betting.Benchmarks;

/// <summary>
/// The swarm on the real leagues, walking forward: for every season Y from <c>--from</c> on, a swarm
/// run trained on the seasons up to Y (the last <c>--train</c> of them; the gate's own tests read
/// the last third of those and nothing after Y) searching opening prices only, as live trading
/// does, judged by CLV. Then the season after Y, never read by the run, is the out-of-sample
/// period: each approved strategy's bets there (rating models warmed up on the training seasons),
/// their CLV against Pinnacle's de-margined close with its z clustered by match, and their return
/// with a bootstrap 95 % interval — beside the reference rule "best opening price beating
/// Pinnacle's de-margined opening price by more than 2 %" on the same season. <c>--evidence returns</c>
/// runs the same walk with the gate judging returns, for comparison.
/// </summary>
public static class RealWalkForwardBenchmark
{
    private const string Reference = "sharp-value:book=market-max,edge=0.02,method=multiplicative,phase=opening";

    public static async Task<object> RunAsync(
        IReadOnlyList<string> files,
        string from,
        int trainSeasons,
        int candidates,
        GateEvidence gate = GateEvidence.Clv
    )
    {
        var clock = Stopwatch.StartNew();
        var (host, grains, dir) = await SwarmBenchmarks.StartSiloAsync(25000);
        try
        {
            var import = grains.GetGrain<IMarketImportGrain>(0);
            foreach (var file in files)
            {
                var league = Path.GetFileName(Path.GetDirectoryName(file))!;
                await import.ImportCsvAsync($"{league}/{Path.GetFileName(file)}", await File.ReadAllBytesAsync(file));
            }

            var leagues = files.Select(f => Path.GetFileName(Path.GetDirectoryName(f))!).Distinct().Order(StringComparer.Ordinal).ToArray();
            var seasons = files.Select(f => Path.GetFileNameWithoutExtension(f)).Distinct().Order(StringComparer.Ordinal).ToArray();
            var reference = StrategySpec.Parse(Reference);
            await grains.GetGrain<IStrategyGrain>(reference.Id).DefineAsync(reference);
            var rows = new List<object>();
            for (var y = Array.IndexOf(seasons, from); y >= 0 && y + 1 < seasons.Length; y++)
            {
                var train = seasons[Math.Max(0, y - trainSeasons + 1)..(y + 1)];
                var test = seasons[y + 1];
                var run = grains.GetGrain<ISwarmRunGrain>($"real-{seasons[y]}");
                var started = Stopwatch.StartNew();
                // The run's own test period is the last third of the training seasons (confirmation: split
                // off as the test, 2 seasons), so the season after Y stays unread until here.
                var status = await SwarmBenchmarks.RunToEndAsync(
                    run,
                    new SwarmRunRequest(
                        leagues,
                        train[..^2],
                        train[^2..],
                        candidates,
                        7,
                        DeployAndVote: false,
                        DecisionPhase: Phase.Opening,
                        Evidence: gate
                    )
                );
                var approved = status.Validation.Where(v => v.Approved).ToArray();
                var strategies = new List<object>();
                foreach (var v in approved)
                {
                    strategies.Add(await OutOfSampleAsync(grains, v.Id, v.Spec.Text, leagues, train, test));
                }

                var referenceFigures = await OutOfSampleAsync(grains, reference.Id, reference.Text, leagues, train, test);
                var row = new
                {
                    trainedTo = seasons[y],
                    outOfSample = test,
                    phase = status.Phase.ToString(),
                    trials = status.Generation?.Trials ?? 0,
                    validated = approved.Length,
                    swarmSeconds = Math.Round(started.Elapsed.TotalSeconds, 1),
                    strategies,
                    reference = referenceFigures,
                };
                rows.Add(row);
                Console.Error.WriteLine(
                    $"trained to {seasons[y]}, out of sample {test}: {approved.Length} validated of {status.Validation.Count} ({started.Elapsed.TotalSeconds:F0} s); reference {referenceFigures}"
                );
                foreach (var s in strategies)
                {
                    Console.Error.WriteLine($"  {s}");
                }
            }

            return new
            {
                benchmark = "real-walk-forward",
                leagues,
                trainSeasons,
                candidates,
                evidence = gate.ToString().ToLowerInvariant(),
                decisionPhase = "opening",
                reference = Reference,
                rows,
                seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            };
        }
        finally
        {
            await SwarmBenchmarks.StopAsync(host, dir);
        }
    }

    private static async Task<object> OutOfSampleAsync(
        IGrainFactory grains,
        string id,
        string spec,
        IReadOnlyList<string> leagues,
        IReadOnlyList<string> train,
        string test
    )
    {
        var report = await grains
            .GetGrain<IStrategyGrain>(id)
            .BacktestAsync(
                new BacktestRequest(
                    string.Join(',', leagues),
                    [test],
                    BootstrapSamples: 2000,
                    KeepReport: false,
                    IncludeReturns: true,
                    WarmUpSeasons: train
                )
            );
        var evidence = GateStatistic.Exactly(ValidationEvidence.EvidenceOf(report), GateEvidence.Clv);
        return new
        {
            spec,
            bets = report.Figures.Bets,
            clv = Math.Round(evidence.Clv, 4),
            clvZ = Math.Round(evidence.ClvZ, 2),
            roi = Math.Round(report.Figures.Roi, 4),
            roiLow95 = Math.Round(report.Figures.RoiLow95, 4),
            roiHigh95 = Math.Round(report.Figures.RoiHigh95, 4),
        };
    }
}
