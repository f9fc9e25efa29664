using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Ledger;
using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Benchmarks;

/// <summary>
/// The risk manager's portfolio sizing against independent sizing on the same picks. Each seed is a year of market
/// days; each day brings a seeded number of picks on independent matches, each with a true win probability, a price
/// that gives it a true edge, and the model's probability (the truth with an estimation error, so the model both
/// over- and under-states its edges). Three sizers stake the same picks from their own bankrolls, every bet settled
/// at the day's end by the same draw:
/// <list type="bullet">
/// <item><c>independent</c>: a quarter of each pick's single Kelly stake, alone (the consensus's stake);</item>
/// <item><c>portfolio</c>: <see cref="PortfolioRisk"/> without drawdown de-risking (the scale's floor at 1);</item>
/// <item><c>portfolio+derisk</c>: <see cref="PortfolioRisk"/> as configured by default.</item>
/// </list>
/// All three are held to the same caps (the defaults, or none with <c>--uncapped</c>). Reported per sizer: the median
/// and 95th-percentile maximum drawdown (a share of the peak), the median final bankroll (money, from 1,000), the
/// median log growth per day, and the share of seeds that ended below the bankroll floor.
/// </summary>
public static class PortfolioSizingBenchmark
{
    public static object Run(int seeds, int days, int maxPicks, bool uncapped)
    {
        var caps = uncapped ? new RiskLimits(1, 1, 1, 0.5, 0.01, 1) : new RiskLimits();
        var sizers = new (string Name, RiskLimits? Limits)[]
        {
            ("independent", null),
            ("portfolio", caps with { DeRiskFloor = 1 }),
            ("portfolio+derisk", caps),
        };
        var drawdowns = sizers.ToDictionary(s => s.Name, _ => new List<double>());
        var finals = sizers.ToDictionary(s => s.Name, _ => new List<double>());
        var staked = sizers.ToDictionary(s => s.Name, _ => 0.0);
        var bets = 0L;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var seed = 1; seed <= seeds; seed++)
        {
            var random = new Random(seed);
            var bankroll = sizers.ToDictionary(s => s.Name, _ => 1000.0);
            var peak = sizers.ToDictionary(s => s.Name, _ => 1000.0);
            var worst = sizers.ToDictionary(s => s.Name, _ => 0.0);
            var day0 = new DateTime(2025, 8, 1, 15, 0, 0, DateTimeKind.Utc);
            for (var d = 0; d < days; d++)
            {
                var kickoff = day0.AddDays(d);
                var count = random.Next(0, maxPicks + 1);
                var picks = new List<(PaperBet Bet, bool Wins)>();
                for (var i = 0; i < count; i++)
                {
                    var q = 0.25 + 0.45 * random.NextDouble(); // true probability
                    var trueEdge = -0.01 + 0.05 * random.NextDouble(); // mostly small edges, some none
                    var price = Math.Round((1 + trueEdge) / q, 2);
                    var model = Math.Clamp(q + 0.04 * Normal(random), 0.02, 0.98);
                    var league = $"L{random.Next(4)}";
                    var bet = new PaperBet(
                        $"s{seed}d{d}i{i}",
                        $"s{seed}d{d}m{i}",
                        league,
                        "2025-2026",
                        kickoff,
                        $"m{i}",
                        Selection.Parse("home"),
                        price,
                        PriceSource.MarketMax,
                        0,
                        kickoff.AddHours(-3),
                        d,
                        Bookmaker: $"book{random.Next(5)}",
                        Probability: model
                    );
                    picks.Add((bet, random.NextDouble() < q));
                }

                // Only picks the model thinks have an edge are proposed (as the consensus does).
                var proposed = picks.Where(p => p.Bet.Probability!.Value * p.Bet.Price > 1).ToList();
                bets += proposed.Count;
                foreach (var (name, limits) in sizers)
                {
                    var b = bankroll[name];
                    if (b < 500)
                    {
                        continue; // below the floor: no more bets, for every sizer alike
                    }

                    IEnumerable<PaperBet> stakes;
                    if (limits is null)
                    {
                        var withStakes = proposed
                            .Select(p =>
                                p.Bet with
                                {
                                    Stake = 0.25 * Kelly.Single(p.Bet.Price, p.Bet.Probability!.Value) * b,
                                    Probability = null,
                                }
                            )
                            .ToList();
                        stakes = PortfolioRisk.Apply(withStakes, [], b, 1000, b, caps).Accepted; // the caps only
                    }
                    else
                    {
                        stakes = PortfolioRisk.Apply(proposed.Select(p => p.Bet).ToList(), [], b, 1000, peak[name], limits).Accepted;
                    }

                    foreach (var s in stakes)
                    {
                        var wins = proposed.First(p => p.Bet.Id == s.Id).Wins;
                        b += wins ? s.Stake * (s.Price - 1) : -s.Stake;
                        staked[name] += s.Stake;
                    }

                    bankroll[name] = b;
                    peak[name] = Math.Max(peak[name], b);
                    worst[name] = Math.Max(worst[name], (peak[name] - b) / peak[name]);
                }
            }

            foreach (var (name, _) in sizers)
            {
                drawdowns[name].Add(worst[name]);
                finals[name].Add(bankroll[name]);
            }
        }

        var rows = sizers
            .Select(s => new
            {
                sizer = s.Name,
                medianMaxDrawdown = Math.Round(Quantile(drawdowns[s.Name], 0.5), 4),
                p95MaxDrawdown = Math.Round(Quantile(drawdowns[s.Name], 0.95), 4),
                medianFinalBankroll = Math.Round(Quantile(finals[s.Name], 0.5), 2),
                medianLogGrowthPerDay = Math.Round(Math.Log(Quantile(finals[s.Name], 0.5) / 1000) / days, 6),
                belowFloorShare = Math.Round(finals[s.Name].Count(f => f < 500) / (double)seeds, 4),
                stakedPerSeed = Math.Round(staked[s.Name] / seeds, 0),
            })
            .ToArray();
        foreach (var r in rows)
        {
            Console.Error.WriteLine(
                $"{r.sizer, -18} max drawdown median {r.medianMaxDrawdown:P1} p95 {r.p95MaxDrawdown:P1}; final bankroll median {r.medianFinalBankroll:F0}; below floor {r.belowFloorShare:P1}; staked {r.stakedPerSeed:F0}/seed"
            );
        }

        return new
        {
            benchmark = "portfolio-sizing",
            seeds,
            days,
            maxPicksPerDay = maxPicks,
            caps = uncapped ? "none" : "defaults (3 % match, 10 % day, 15 % league, 10 % bookmaker)",
            proposedBets = bets,
            seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            units = "drawdowns: share of the peak bankroll; bankroll: money from 1,000; growth: natural log per market day",
            rows,
        };
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double Quantile(List<double> xs, double q)
    {
        var sorted = xs.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
    }
}

/// <summary>How long one simultaneous Kelly solve takes by the number of positions (exact up to 16 binary events, sampled above).</summary>
public static class KellySolverBenchmark
{
    public static object Run(int rounds)
    {
        var rows = new List<object>();
        foreach (var n in new[] { 4, 8, 12, 16, 17, 24, 40, 80 })
        {
            var random = new Random(n);
            var positions = Enumerable
                .Range(0, n)
                .Select(i =>
                {
                    var q = 0.3 + 0.4 * random.NextDouble();
                    return new KellyPosition($"m{i}", "home", Math.Round((1.03 + 0.04 * random.NextDouble()) / q, 2), q);
                })
                .ToList();
            SimultaneousKelly.Solve(positions); // warm
            var clock = System.Diagnostics.Stopwatch.StartNew();
            KellyPortfolio last = null!;
            for (var r = 0; r < rounds; r++)
            {
                last = SimultaneousKelly.Solve(positions, seed: r + 1);
            }

            var ms = clock.Elapsed.TotalMilliseconds / rounds;
            Console.Error.WriteLine(
                $"{n, 3} positions: {ms, 8:F2} ms per solve, {last.Scenarios} scenarios ({(last.Exact ? "exact" : "sampled")}), {last.Sweeps} sweeps"
            );
            rows.Add(
                new
                {
                    positions = n,
                    msPerSolve = Math.Round(ms, 3),
                    last.Scenarios,
                    last.Exact,
                    last.Sweeps,
                }
            );
        }

        return new
        {
            benchmark = "kelly-solver",
            rounds,
            rows,
        };
    }
}
