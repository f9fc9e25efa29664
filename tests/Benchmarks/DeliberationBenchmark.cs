using System.Diagnostics;
using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Benchmarks;

/// <summary>
/// What the consensus' second round does to picks, measured by the field's yardstick: each pick's CLV
/// (its price against Pinnacle's de-margined close) and its flat-stake return. A crowd of seeded random
/// strategies (every searchable family; unvalidated, so the crowd is noisy as a real one is) votes at the
/// start of each match day of one season, once without and once with deliberation, through the real
/// consensus and strategy grains on one embedded silo. The same votes feed both arms (the first round
/// is deterministic), so the difference is deliberation's alone.
/// </summary>
public static class DeliberationBenchmark
{
    public static async Task<object> RunAsync(
        IReadOnlyList<string> files,
        string market,
        int strategies,
        int seed,
        double deference,
        string plant = "none",
        CancellationToken cancellationToken = default
    )
    {
        var clock = Stopwatch.StartNew();
        var (host, grains, dir) = await SwarmBenchmarks.StartSiloAsync(27000);
        try
        {
            string[] leagues;
            string[] seasons;
            if (market == "synthetic")
            {
                seasons = Enumerable.Range(2015, 6).Select(y => $"{y}-{y + 1}").ToArray();
                leagues = ["S1"];
                await grains
                    .GetGrain<IMarketImportGrain>(0)
                    .GenerateAsync(new SyntheticMarketRequest(seed, 1, seasons, plant, Realism: MarketRealism.Calibrated));
            }
            else
            {
                var chosen = files.Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == market).ToArray();
                if (chosen.Length == 0)
                {
                    throw new ArgumentException(
                        $"--market '{market}': no league of that name under shared/data/football-data (or 'synthetic')"
                    );
                }

                foreach (var file in chosen)
                {
                    await grains
                        .GetGrain<IMarketImportGrain>(0)
                        .ImportCsvAsync($"{market}/{Path.GetFileName(file)}", await File.ReadAllBytesAsync(file));
                }

                leagues = [market];
                seasons = chosen.Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray()!;
            }

            var random = new Random(seed);
            var ids = new SortedSet<string>(StringComparer.Ordinal);
            while (ids.Count < strategies)
            {
                var family = StrategyFactory.Searchable[random.Next(StrategyFactory.Searchable.Count)];
                // Voting happens at the start of the match day: only opening prices are known then.
                var spec = new StrategySpec(family, StrategyFactory.Space(family).Sample(random)).With("phase", "opening");
                if (ids.Add(spec.Id))
                {
                    await grains.GetGrain<IStrategyGrain>(spec.Id).DefineAsync(spec);
                }
            }

            var test = await grains.LeagueSeason(leagues[0], seasons[^1]).GetAsync();
            var matches = test.Matches.ToDictionary(m => m.Id, StringComparer.Ordinal);
            var days = test.Matches.Select(m => m.KickoffUtc.Date).Distinct().Order().ToArray();
            var arms = new[] { false, true }.ToDictionary(d => d, _ => new List<(Pick Pick, double Clv, double Return)>());
            var revisions = new List<Revision>();
            foreach (var day in days)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var deliberate in arms.Keys)
                {
                    var result = await grains
                        .GetGrain<IConsensusSwarmGrain>($"deliberation-{day:yyyyMMdd}-{deliberate}")
                        .RunAsync(
                            new ConsensusRequest(
                                [.. ids],
                                leagues,
                                seasons,
                                day,
                                1,
                                ConsensusRule.Weighted,
                                0.5,
                                60_000,
                                1000,
                                Deliberate: deliberate,
                                Deference: deference
                            ),
                            cancellationToken
                        );
                    revisions.AddRange(result.Revisions ?? []);
                    foreach (var pick in result.Picks.Where(p => p.KickoffUtc.Date == day))
                    {
                        var match = matches[pick.MatchId];
                        var closing = ClosingLine.FairProbability(
                            match,
                            pick.Selection.Market,
                            pick.Selection.Outcome,
                            pick.Selection.LineOrNaN,
                            PriceSource.Pinnacle,
                            Phase.Closing,
                            out var booksum
                        );
                        var clv = booksum >= 1 ? pick.Price * closing - 1 : double.NaN;
                        var unit = match.Result is { } r
                            ? Settlement.UnitReturn(pick.Selection.Market, pick.Selection.Outcome, pick.Selection.LineOrNaN, pick.Price, r)
                            : double.NaN;
                        arms[deliberate].Add((pick, clv, unit));
                    }
                }
            }

            var without = arms[false];
            var with = arms[true];
            var key = (Pick p) => (p.MatchId, p.Selection.Text);
            var withoutKeys = without.Select(x => key(x.Pick)).ToHashSet();
            var withKeys = with.Select(x => key(x.Pick)).ToHashSet();
            return new
            {
                benchmark = "deliberation",
                market = market == "synthetic" ? $"synthetic S1 (calibrated; planted edge: {plant})" : $"{market} (real history)",
                testSeason = seasons[^1],
                matchDays = days.Length,
                matches = matches.Count,
                strategies,
                seed,
                deference,
                firstRoundOnly = Arm(without),
                deliberated = Arm(with),
                // Picks only one arm made: where deliberation changed the decision.
                droppedByDeliberation = Arm(without.Where(x => !withKeys.Contains(key(x.Pick))).ToList()),
                addedByDeliberation = Arm(with.Where(x => !withoutKeys.Contains(key(x.Pick))).ToList()),
                revisions = new
                {
                    revised = revisions.Count(r => r.Action == RevisionAction.Revised),
                    withdrawn = revisions.Count(r => r.Action == RevisionAction.Withdrawn),
                    example = revisions.FirstOrDefault(r => r.Action == RevisionAction.Withdrawn)?.Reason,
                },
                seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            };
        }
        finally
        {
            await SwarmBenchmarks.StopAsync(host, dir);
        }
    }

    // Mean CLV (%) with its standard error, the share of picks beating the close, and the flat-stake return (%).
    private static object Arm(IReadOnlyList<(Pick Pick, double Clv, double Return)> picks)
    {
        var clv = picks.Select(p => p.Clv).Where(double.IsFinite).ToArray();
        var returns = picks.Select(p => p.Return).Where(double.IsFinite).ToArray();
        var mean = clv.Length > 0 ? clv.Average() : 0;
        double? se = clv.Length > 1 ? Math.Sqrt(clv.Sum(c => (c - mean) * (c - mean)) / (clv.Length - 1) / clv.Length) : null;
        // Null where there is nothing to average (JSON has no NaN).
        return new
        {
            picks = picks.Count,
            withClose = clv.Length,
            meanClvPercent = clv.Length > 0 ? Math.Round(100 * mean, 2) : (double?)null,
            clvStdErrorPercent = se is { } s ? Math.Round(100 * s, 2) : (double?)null,
            beatCloseShare = clv.Length > 0 ? Math.Round(clv.Count(c => c > 0) / (double)clv.Length, 3) : (double?)null,
            flatReturnPercent = returns.Length > 0 ? Math.Round(100 * returns.Average(), 2) : (double?)null,
        };
    }
}
