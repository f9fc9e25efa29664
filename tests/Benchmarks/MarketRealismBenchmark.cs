using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Benchmarks;

/// <summary>
/// How much the synthetic market looks like the real one, on the figures that decide what a power
/// figure means: each book's margin (mean 1X2 booksum at the opening), the best price's lead over the
/// average, how far Pinnacle's fair price moves from opening to close, and — for the rule "back the
/// best opening price where it beats Pinnacle's de-margined opening price by more than t" — the
/// number of bets, the mean and spread of their CLV against Pinnacle's de-margined close, and the
/// z of CLV and of returns (clustered by match). Real: every shared football-data league and season.
/// Synthetic: the edge-free market (<c>none</c>) for the same number of league-seasons' worth of seeds.
/// Each figure is given with synthetic ÷ real and whether it is within ±30 %.
/// </summary>
public static class MarketRealismBenchmark
{
    private static readonly PriceSource[] Books = [PriceSource.Pinnacle, PriceSource.Bet365, PriceSource.MarketAvg];

    public static object Run(IReadOnlyList<MatchRecord> real, int seeds, MarketRealism realism = MarketRealism.Calibrated)
    {
        var seasons = Enumerable.Range(2015, 8).Select(y => $"{y}-{y + 1}").ToArray();
        var truth = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var synthetic = Enumerable
            .Range(1, seeds)
            .SelectMany(seed =>
                MarketSimulator
                    .Generate(
                        new SimulationOptions(seed, 2, seasons, MarketPlant.None, Realism: realism),
                        (id, t) => truth[$"{seed}/{id}"] = t.X12
                    )
                    .SelectMany(s => s.Matches)
                    .Select(m => m with { Id = $"{seed}/{m.Id}" })
            )
            .ToArray();
        var (r, _) = Figures(real, truth: null);
        var (s, witness) = Figures(synthetic, truth);
        var rows = r
            .Keys.Select(k =>
            {
                var ratio = r[k] != 0 ? s[k] / r[k] : double.NaN;
                return new
                {
                    figure = k,
                    real = Math.Round(r[k], 4),
                    synthetic = Math.Round(s[k], 4),
                    ratio = double.IsFinite(ratio) ? Math.Round(ratio, 3) : (double?)null,
                    within30 = double.IsFinite(ratio) && ratio is >= 0.7 and <= 1.3,
                };
            })
            .ToArray();
        foreach (var row in rows)
        {
            Console.Error.WriteLine(
                $"{row.figure, -44} real {row.real, 10:F4}  synthetic {row.synthetic, 10:F4}  ratio {row.ratio, 6:F2}  {(row.within30 ? "ok" : "OFF")}"
            );
        }

        return new
        {
            benchmark = "market-realism",
            realMatches = real.Count,
            syntheticMatches = synthetic.Length,
            syntheticMarket = $"plant none, {realism.ToString().ToLowerInvariant()}, seeds 1..{seeds}, 2 leagues × 8 seasons each",
            rows,
            // What the close witnesses on the synthetic market: the rule's mean CLV beside its true expected return.
            witness = witness.Select(w => new { figure = w.Key, synthetic = Math.Round(w.Value, 4) }).ToArray(),
            within30 = rows.Count(x => x.within30),
            of = rows.Length,
        };
    }

    /// <summary>The compared figures, and with <paramref name="truth"/> the rule's true expected return (unknowable on the real market).</summary>
    private static (Dictionary<string, double> Figures, Dictionary<string, double> Witness) Figures(
        IReadOnlyList<MatchRecord> matches,
        IReadOnlyDictionary<string, double[]>? truth
    )
    {
        var f = new Dictionary<string, double>(StringComparer.Ordinal);
        var witness = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var book in Books)
        {
            var sums = matches
                .Select(m => Book(m, book, Phase.Opening))
                .Where(b => b is not null)
                .Select(b => b!.Sum(p => 1 / p))
                .ToArray();
            f[$"booksum {book} (opening 1X2)"] = sums.Length > 0 ? sums.Average() : double.NaN;
        }

        var spreads = new List<double>();
        var moves = new List<double>();
        foreach (var m in matches)
        {
            if (Book(m, PriceSource.MarketMax, Phase.Opening) is { } max && Book(m, PriceSource.MarketAvg, Phase.Opening) is { } avg)
            {
                spreads.AddRange(max.Zip(avg, (x, y) => x / y - 1));
            }

            if (Fair(m, Phase.Opening) is { } open && Fair(m, Phase.Closing) is { } close)
            {
                moves.AddRange(open.Zip(close, (o, c) => Math.Log(c / o)));
            }
        }

        f["best ÷ average − 1 (opening 1X2)"] = spreads.Average();
        f["sd of ln(close ÷ open), Pinnacle fair"] = Sd(moves);
        foreach (var threshold in new[] { 0.0, 0.02 })
        {
            var bets = new List<EvidenceBet>();
            var trueValue = new List<double>();
            foreach (var m in matches)
            {
                if (
                    m.Result is null
                    || Book(m, PriceSource.MarketMax, Phase.Opening) is not { } max
                    || Fair(m, Phase.Opening) is not { } fair
                )
                {
                    continue;
                }

                for (var i = 0; i < 3; i++)
                {
                    if (max[i] * fair[i] - 1 > threshold)
                    {
                        var outcome = (Outcome)i;
                        var clv = ClosingLine.Value(
                            m,
                            new BetIntent(MarketType.MatchOdds, outcome, double.NaN, PriceSource.MarketMax, Phase.Opening, 0),
                            max[i]
                        );
                        bets.Add(
                            new EvidenceBet(
                                m.Id,
                                1,
                                Settlement.UnitReturn(MarketType.MatchOdds, outcome, double.NaN, max[i], m.Result),
                                clv
                            )
                        );
                        if (truth is not null && double.IsFinite(clv))
                        {
                            trueValue.Add(max[i] * truth[m.Id][i] - 1);
                        }
                    }
                }
            }

            var test = GateStatistic.Exactly(bets, GateEvidence.Clv);
            var t = $"{threshold:P0}";
            f[$"rule at {t}: bets per 1,000 matches"] = 1000.0 * bets.Count / matches.Count;
            f[$"rule at {t}: mean CLV"] = test.Clv;
            f[$"rule at {t}: sd of CLV"] = Sd(GateStatistic.Series(bets, GateEvidence.Clv));
            f[$"rule at {t}: mean return"] = test.Roi;
            f[$"rule at {t}: CLV z"] = test.ClvZ;
            f[$"rule at {t}: return z"] = test.RoiZ;
            if (trueValue.Count > 0)
            {
                witness[$"rule at {t}: true expected return"] = trueValue.Average();
            }
        }

        return (f, witness);
    }

    private static double Sd(IReadOnlyCollection<double> xs)
    {
        var mean = xs.Average();
        return Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, xs.Count - 1));
    }

    /// <summary>A book's 1X2 prices at a phase, or null unless all three are quoted.</summary>
    private static double[]? Book(MatchRecord m, PriceSource source, Phase phase)
    {
        var prices = new double[3];
        for (var i = 0; i < 3; i++)
        {
            var outcome = (Outcome)i;
            prices[i] = m
                .Quotes.Where(q => q.Source == source && q.Phase == phase && q.Market == MarketType.MatchOdds && q.Outcome == outcome)
                .Select(q => q.Price)
                .DefaultIfEmpty(double.NaN)
                .First();
            if (!(prices[i] > 1))
            {
                return null;
            }
        }

        return prices;
    }

    /// <summary>Pinnacle's multiplicatively de-margined 1X2 probabilities at a phase.</summary>
    private static double[]? Fair(MatchRecord m, Phase phase)
    {
        if (Book(m, PriceSource.Pinnacle, phase) is not { } book)
        {
            return null;
        }

        var sum = book.Sum(p => 1 / p);
        return sum >= 1 ? book.Select(p => 1 / p / sum).ToArray() : null;
    }
}
