using Orleans.Betting.Strategies;

namespace Orleans.Betting.Swarms;

/// <summary>
/// Generation swarm (DESIGN §5): ideation samples specs across the families; sharing recombines the
/// best ideas of a family; refinement mutates them locally; selection ranks by a fitness that
/// penalises few bets and the number of trials. Every candidate is a strategy grain, backtested on
/// the training seasons only, in parallel across the cluster with bounded concurrency.
/// </summary>
public sealed class GenerationSwarmGrain(IGrainFactory grains) : Grain, IGenerationSwarmGrain
{
    public const int MinBetsPerSeason = 25;

    public async Task<GenerationResult> RunAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Candidates < 4)
        {
            throw new ArgumentException($"candidates {request.Candidates}: at least 4 are needed");
        }

        var random = new Random(unchecked(request.Seed * 31 + 7));
        var run = grains.GetGrain<ISwarmRunGrain>(request.RunId);
        var evaluated = new Dictionary<string, CandidateResult>(StringComparer.Ordinal);
        var families = StrategyFactory.Searchable;
        var budget = request.Candidates;
        var ideation = Math.Max(families.Count, budget / 2);

        // Evolution first when parents are given (mutations of existing strategies, half the
        // ideation), then ideation: uniform over families, then over each family's space.
        var ideas = new List<(StrategySpec Spec, string Origin)>();
        var parents = (request.Parents ?? []).Select(StrategySpec.Parse).ToList();
        for (var i = 0; parents.Count > 0 && i < ideation / 2; i++)
        {
            var parent = parents[i % parents.Count];
            ideas.Add(
                (new StrategySpec(parent.Family, StrategyFactory.Space(parent.Family).Mutate(parent.Parameters, random)), "evolution")
            );
        }

        for (var i = ideas.Count; i < ideation; i++)
        {
            var family = families[i % families.Count];
            ideas.Add((new StrategySpec(family, StrategyFactory.Space(family).Sample(random)), "ideation"));
        }

        await EvaluateAsync(ideas, evaluated, request, run, budget, cancellationToken);

        // Sharing and refinement in rounds until the budget is spent: elites of each family breed and mutate.
        var stalls = 0;
        while (evaluated.Count < budget && stalls < 5)
        {
            var elites = evaluated
                .Values.Where(c => c.Fitness > double.MinValue)
                .OrderByDescending(c => c.Fitness)
                .Take(Math.Max(4, evaluated.Count / 5))
                .ToArray();
            if (elites.Length == 0)
            {
                break;
            }

            var offspring = new List<(StrategySpec, string)>();
            var room = Math.Min(budget - evaluated.Count, Math.Max(4, budget / 4));
            for (var i = 0; i < room; i++)
            {
                var parent = elites[random.Next(elites.Length)];
                var spec = StrategySpec.Parse(parent.Spec);
                var space = StrategyFactory.Space(spec.Family);
                var mates = elites.Where(e => e.Family == spec.Family && e.Id != parent.Id).ToArray();
                offspring.Add(
                    i % 2 == 0 && mates.Length > 0
                        ? (
                            new StrategySpec(
                                spec.Family,
                                space.Cross(spec.Parameters, StrategySpec.Parse(mates[random.Next(mates.Length)].Spec).Parameters, random)
                            ),
                            "sharing"
                        )
                        : (new StrategySpec(spec.Family, space.Mutate(spec.Parameters, random)), "refinement")
                );
            }

            var before = evaluated.Count;
            await EvaluateAsync(offspring, evaluated, request, run, budget, cancellationToken);
            if (evaluated.Count == before)
            {
                // The elites' neighbourhoods are exhausted: spend the rest of the budget on fresh ideas.
                stalls++;
                var fresh = Enumerable
                    .Range(0, budget - evaluated.Count)
                    .Select(i =>
                    {
                        var family = families[random.Next(families.Count)];
                        return (new StrategySpec(family, StrategyFactory.Space(family).Sample(random)), "ideation");
                    })
                    .ToArray();
                await EvaluateAsync(fresh, evaluated, request, run, budget, cancellationToken);
            }
        }

        // Selection: the trial-penalised fitness, recomputed now that the final number of trials is known.
        var trials = evaluated.Count;
        var rescored = evaluated
            .Values.Select(c => c with { Fitness = Fitness(c.Training, trials, request.TrainSeasons.Count * request.Leagues.Count) })
            .ToArray();
        // The spread of Sharpe ratios among the fit trials, overall and per family: the deflated Sharpe
        // ratio compares a candidate with the best its own family's variations reach by luck.
        static double Variance(IEnumerable<double> values)
        {
            var v = values.ToArray();
            if (v.Length < 2)
            {
                return 0;
            }

            var mean = v.Average();
            return v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1);
        }

        // Many trials are near-copies (the same family betting the same book at the same phase with a
        // slightly different threshold). As López de Prado recommends, the trials are clustered and
        // the deflated Sharpe ratio uses the number of clusters and the spread of the clusters' mean
        // Sharpe ratios (per family), not every near-duplicate.
        var fit = rescored.Where(c => c.Fitness > double.MinValue).ToArray();
        var clusters = rescored.GroupBy(ClusterKey).ToArray();
        var fitClusters = fit.GroupBy(ClusterKey)
            .Select(g => (Family: g.First().Family, Sharpe: g.Average(c => c.Training.SharpePerBet)))
            .ToArray();
        var variance = Variance(fitClusters.Select(c => c.Sharpe));
        var varianceByFamily = fitClusters
            .GroupBy(c => c.Family)
            .ToDictionary(g => g.Key, g => g.Count() > 1 ? Variance(g.Select(c => c.Sharpe)) : variance, StringComparer.Ordinal);
        // Selection keeps diversity: the best few of every family first, then the best of the rest.
        var positive = rescored
            .Where(c => c.Fitness > 0)
            .OrderByDescending(c => c.Fitness)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToArray();
        var perFamily = Math.Max(1, request.Keep / Math.Max(1, families.Count));
        var selected = positive
            .GroupBy(c => c.Family)
            .SelectMany(g => g.Take(perFamily))
            .Concat(positive)
            .DistinctBy(c => c.Id)
            .Take(request.Keep)
            .OrderByDescending(c => c.Fitness)
            .ToArray();
        var byFamily = rescored.GroupBy(c => c.Family).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        // The probability that picking the in-sample best of these trials overfits (CSCV over the training seasons).
        var matrix = evaluated.Values.Where(c => c.SeasonRois is { Count: > 0 }).Select(c => c.SeasonRois!.ToArray()).ToArray();
        var pbo = Quant.BacktestOverfitting.Probability(matrix);
        return new GenerationResult(trials, variance, selected, byFamily, varianceByFamily, clusters.Length, pbo);
    }

    /// <summary>Trials that bet the same way: family, book or price source, phase and market.</summary>
    public static string ClusterKey(CandidateResult c)
    {
        var p = StrategySpec.Parse(c.Spec).Parameters;
        return $"{c.Family}|{p.GetValueOrDefault("book", "-")}|{p.GetValueOrDefault("phase", "-")}|{p.GetValueOrDefault("market", "-")}";
    }

    /// <summary>ROI minus a multiple-testing margin (σ·√(2 ln N / n)); too few bets is unfit.</summary>
    public static double Fitness(Strategies.BacktestFigures f, int trials, int seasons)
    {
        if (f.Bets < MinBetsPerSeason * Math.Max(1, seasons) || f.Staked <= 0)
        {
            return double.MinValue;
        }

        var sd = f.SharpePerBet != 0 ? Math.Abs(f.Roi / f.SharpePerBet) : 1.0;
        return f.Roi - sd * Math.Sqrt(2 * Math.Log(Math.Max(2, trials)) / f.Bets);
    }

    private async Task EvaluateAsync(
        IEnumerable<(StrategySpec Spec, string Origin)> specs,
        Dictionary<string, CandidateResult> evaluated,
        GenerationRequest request,
        ISwarmRunGrain run,
        int budget,
        CancellationToken cancellationToken
    )
    {
        var fresh = specs
            .GroupBy(s => s.Spec.Id)
            .Select(g => g.First())
            .Where(s => !evaluated.ContainsKey(s.Spec.Id))
            .Take(budget - evaluated.Count)
            .ToArray();
        using var gate = new SemaphoreSlim(Math.Max(1, request.Concurrency));
        var leagues = string.Join(',', request.Leagues);
        var results = await Task.WhenAll(
            fresh.Select(async s =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    var grain = grains.GetGrain<IStrategyGrain>(s.Spec.Id);
                    await grain.DefineAsync(s.Spec.Text, persist: false);
                    var report = await grain.BacktestAsync(
                        new BacktestRequest(leagues, request.TrainSeasons, BootstrapSamples: 0, KeepReport: false),
                        cancellationToken
                    );
                    return new CandidateResult(
                        s.Spec.Id,
                        s.Spec.Family,
                        s.Spec.Text,
                        Fitness(report.Figures, evaluated.Count + fresh.Length, request.TrainSeasons.Count * request.Leagues.Count),
                        report.Figures,
                        s.Origin,
                        request.TrainSeasons.Select(season => report.RoiBySeason?.GetValueOrDefault(season) ?? 0).ToList()
                    );
                }
                finally
                {
                    gate.Release();
                }
            })
        );

        foreach (var r in results)
        {
            evaluated[r.Id] = r;
        }

        run.ReportProgressAsync(
                new SwarmProgress(SwarmPhase.Generating, evaluated.Count, budget, $"{evaluated.Count} of {budget} candidates backtested")
            )
            .Ignore();
    }
}
