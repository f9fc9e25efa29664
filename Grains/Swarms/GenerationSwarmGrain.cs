using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms.Rules;

namespace Orleans.Betting.Swarms;

/// <summary>
/// Generation swarm (DESIGN §5): ideation samples specs across the families; sharing recombines the
/// best ideas of a family; refinement mutates them locally; selection ranks by a fitness that
/// penalises few bets and the number of trials. Every candidate is a strategy grain, backtested on
/// the training seasons only, in parallel across the cluster with bounded concurrency.
/// </summary>
public sealed class GenerationSwarmGrain(IGrainFactory grains) : Grain, IGenerationSwarmGrain
{
    public async Task<GenerationResult> RunAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Candidates < 4)
        {
            throw new ArgumentException($"candidates {request.Candidates}: at least 4 are needed");
        }

        var random = new Random(unchecked(request.Seed * 31 + 7));
        var run = grains.GetGrain<ISwarmRunGrain>(request.RunId);
        var evaluated = new Dictionary<string, CandidateResult>(StringComparer.Ordinal);
        var families = StrategyFactory.Searchable.Where(f => DecidesAt(f, request.DecisionPhase)).ToList();
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

        if (request.FamilyWeights is not { Count: > 0 } weights)
        {
            for (var i = ideas.Count; i < ideation; i++)
            {
                var family = families[i % families.Count];
                ideas.Add((new StrategySpec(family, StrategyFactory.Space(family).Sample(random)), "ideation"));
            }
        }
        else
        {
            // Learned across cycles: ideation shares its ideas among families by the weights (at least one each), interleaved.
            var left = FamilyShares.Allocate(families, weights, ideation - ideas.Count).ToDictionary(StringComparer.Ordinal);
            while (left.Values.Any(n => n > 0))
            {
                foreach (var family in families.Where(f => left[f] > 0))
                {
                    left[family]--;
                    ideas.Add((new StrategySpec(family, StrategyFactory.Space(family).Sample(random)), "ideation"));
                }
            }
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
                var spec = parent.Spec;
                var space = StrategyFactory.Space(spec.Family);
                var mates = elites.Where(e => e.Family == spec.Family && e.Id != parent.Id).ToArray();
                offspring.Add(
                    i % 2 == 0 && mates.Length > 0
                        ? (
                            new StrategySpec(
                                spec.Family,
                                space.Cross(spec.Parameters, mates[random.Next(mates.Length)].Spec.Parameters, random)
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
                        var family = request.FamilyWeights is { Count: > 0 } w
                            ? FamilyShares.Draw(families, w, random)
                            : families[random.Next(families.Count)];
                        return (new StrategySpec(family, StrategyFactory.Space(family).Sample(random)), "ideation");
                    })
                    .ToArray();
                await EvaluateAsync(fresh, evaluated, request, run, budget, cancellationToken);
            }
        }

        // Selection: the trial-penalised fitness, recomputed now that the final number of trials is known.
        var trials = evaluated.Count;
        var rescored = evaluated
            .Values.Select(c =>
                c with
                {
                    Fitness = CandidateFitness.Fitness(
                        c.Training,
                        trials,
                        request.TrainSeasons.Count * request.Leagues.Count,
                        request.Evidence
                    ),
                }
            )
            .ToArray();

        // The deflated Sharpe ratio's N and V come from one set of trials: every fit trial (enough
        // bets to have a Sharpe ratio worth the name) of this search and of earlier searches on the
        // same split (the caller's trial ledger). Near-copies are not merged away: with N counting
        // them, V counts them too, and correlated trials pull V down just as they pull the expected
        // maximum down.
        var fit = rescored.Where(c => c.Fitness > double.MinValue).ToArray();
        var tally = fit.Aggregate(TrialTally.Empty, (t, c) => t.Add(CandidateFitness.EvidenceSharpe(c.Training, request.Evidence)));
        var cumulative = (request.PriorTrials ?? TrialTally.Empty).Add(tally);
        var variance = cumulative.Variance;
        var varianceByFamily = families.ToDictionary(f => f, _ => variance, StringComparer.Ordinal);
        // Selection keeps diversity: the best few of every family first, then the best of the rest. Any
        // fit trial that made money in training may go forward: significance is the holdout's job (a
        // second significance bar here, at N trials' strictness, would only cost power).
        var positive = fit.Where(c => CandidateFitness.Judged(c.Training, request.Evidence).Mean > 0)
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
        // The probability that picking the in-sample best of these trials overfits: CSCV over equal time
        // blocks of the training period, ranking by ROI as the selection does, fit trials only.
        var blocks = fit.Where(c => c.BlockProfits is not null && c.BlockStakes is not null)
            .Select(c => (c.BlockProfits!, c.BlockStakes!))
            .ToArray();
        var pbo = Quant.BacktestOverfitting.Probability(blocks);
        return new GenerationResult(
            trials,
            variance,
            selected.Select(c => c with { BlockProfits = null, BlockStakes = null }).ToArray(),
            byFamily,
            varianceByFamily,
            cumulative.Trials,
            pbo,
            tally,
            families.ToDictionary(f => f, f => positive.Count(c => c.Family == f), StringComparer.Ordinal)
        );
    }

    /// <summary>Whether a family's strategies can decide at the phase (every family can when no phase is asked for).</summary>
    private static bool DecidesAt(string family, Market.Phase? phase) =>
        phase is not { } p
        || StrategyFactory.Space(family).Parameters.Any(d => d.Name == "phase")
        || StrategyFactory.Create(new StrategySpec(family, new Dictionary<string, string>())).DecisionPhase == p;

    /// <summary>The spec with the asked-for decision phase fixed (the search does not roam over it).</summary>
    private static StrategySpec AtPhase(StrategySpec spec, Market.Phase? phase) =>
        phase is { } p && StrategyFactory.Space(spec.Family).Parameters.Any(d => d.Name == "phase")
            ? spec.With("phase", p == Market.Phase.Opening ? "opening" : "closing")
            : spec;

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
            .Where(s => DecidesAt(s.Spec.Family, request.DecisionPhase))
            .Select(s => (Spec: AtPhase(s.Spec, request.DecisionPhase), s.Origin))
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
                    await grain.DefineAsync(s.Spec, persist: false);
                    var report = await grain.BacktestAsync(
                        new BacktestRequest(
                            leagues,
                            request.TrainSeasons,
                            BootstrapSamples: 0,
                            KeepReport: false,
                            Blocks: Quant.BacktestOverfitting.DefaultBlocks
                        ),
                        cancellationToken
                    );
                    return new CandidateResult(
                        s.Spec.Id,
                        s.Spec.Family,
                        s.Spec,
                        CandidateFitness.Fitness(
                            report.Figures,
                            evaluated.Count + fresh.Length,
                            request.TrainSeasons.Count * request.Leagues.Count,
                            request.Evidence
                        ),
                        report.Figures,
                        s.Origin,
                        report.BlockProfits,
                        report.BlockStakes
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
