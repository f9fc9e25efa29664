using System.Globalization;
using Orleans.Betting.Quant;
using Orleans.Betting.Strategies;

namespace Orleans.Betting.Swarms;

/// <summary>
/// Validation swarm (DESIGN §5): independent validators per candidate, approval only if unanimous.
/// walk-forward — each test season on its own, none badly negative and the mean positive;
/// holdout — the untouched test seasons, positive with enough bets;
/// stress — prices 2 % and 5 % worse, closing prices only, 30 % of bets refused (seeded);
/// bootstrap — the 95 % interval of holdout ROI above zero;
/// deflated-sharpe — DSR ≥ 0.95 for the number of trials of the generation.
/// Every verdict and its figures are kept on the strategy.
/// </summary>
public sealed class ValidationSwarmGrain(IGrainFactory grains) : Grain, IValidationSwarmGrain
{
    public const double DsrThreshold = 0.95;

    public async Task<IReadOnlyList<ValidationOutcome>> RunAsync(ValidationRequest request, CancellationToken cancellationToken = default)
    {
        var run = grains.GetGrain<ISwarmRunGrain>(request.RunId);
        var done = 0;
        using var gate = new SemaphoreSlim(4);
        var outcomes = await Task.WhenAll(
            request.Candidates.Select(async candidate =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    var outcome = await ValidateAsync(candidate, request, cancellationToken);
                    await grains
                        .GetGrain<IStrategyGrain>(candidate.Id)
                        .RecordValidationAsync(request.RunId, outcome.Verdicts, outcome.Approved);
                    var n = Interlocked.Increment(ref done);
                    run.ReportProgressAsync(
                            new SwarmProgress(
                                SwarmPhase.Validating,
                                n,
                                request.Candidates.Count,
                                $"{n} of {request.Candidates.Count} candidates validated"
                            )
                        )
                        .Ignore();
                    return outcome;
                }
                finally
                {
                    gate.Release();
                }
            })
        );
        return outcomes;
    }

    private async Task<ValidationOutcome> ValidateAsync(CandidateResult candidate, ValidationRequest request, CancellationToken ct)
    {
        var grain = grains.GetGrain<IStrategyGrain>(candidate.Id);
        // Selected candidates become durable here (the generation keeps its many trials in memory only),
        // so a run resumed on another silo or after a crash finds them.
        await grain.DefineAsync(candidate.Spec);
        var leagues = string.Join(',', request.Leagues);
        var minBets = GenerationSwarmGrain.MinBetsPerSeason * request.TestSeasons.Count * request.Leagues.Count / 2;
        BacktestRequest Test(double worse = 0, double refuse = 0, bool closing = false, bool returns = false) =>
            new(
                leagues,
                request.TestSeasons,
                Seed: request.Seed,
                BootstrapSamples: 2000,
                PriceWorsening: worse,
                RefuseShare: refuse,
                ClosingOnly: closing,
                KeepReport: false,
                IncludeReturns: returns
            );

        var holdout = await grain.BacktestAsync(Test(returns: true) with { KeepReport = true }, ct);
        var worse2 = await grain.BacktestAsync(Test(worse: 0.02), ct);
        var worse5 = await grain.BacktestAsync(Test(worse: 0.05), ct);
        var refused = await grain.BacktestAsync(Test(refuse: 0.30), ct);
        var closing = await grain.BacktestAsync(Test(closing: true), ct);
        var h = holdout.Figures;
        var verdicts = new List<ValidatorVerdict>();

        // Walk-forward by season: parameters fixed on the training seasons, each later season tested on its own.
        var folds = request.TestSeasons.Select(s => holdout.RoiBySeason?.GetValueOrDefault(s, double.NaN) ?? double.NaN).ToArray();
        var played = folds.Where(f => !double.IsNaN(f)).ToArray();
        verdicts.Add(
            Verdict(
                "walk-forward",
                played.Length == folds.Length && played.Average() > 0 && played.Min() > -0.05,
                played.Length < folds.Length
                    ? "a test season has no bets"
                    : $"season ROIs {string.Join(", ", played.Select(f => f.ToString("P1", CultureInfo.InvariantCulture)))}",
                request.TestSeasons.Zip(folds).ToDictionary(p => $"roi {p.First}", p => p.Second)
            )
        );

        verdicts.Add(
            Verdict(
                "holdout",
                h.Bets >= minBets && h.Roi > 0,
                h.Bets < minBets ? $"{h.Bets} bets < {minBets}" : $"out-of-sample ROI {h.Roi:P2} on {h.Bets} bets",
                new()
                {
                    ["bets"] = h.Bets,
                    ["roi"] = h.Roi,
                    ["profit"] = h.Profit,
                    ["trainingRoi"] = candidate.Training.Roi,
                }
            )
        );

        var stressOk = worse2.Figures.Roi > 0 && worse5.Figures.Roi > -0.02 && refused.Figures.Roi > 0 && closing.Figures.Roi > -0.01;
        verdicts.Add(
            Verdict(
                "stress",
                stressOk,
                $"ROI 2% worse {worse2.Figures.Roi:P1}, 5% worse {worse5.Figures.Roi:P1}, 30% refused {refused.Figures.Roi:P1}, closing only {closing.Figures.Roi:P1}",
                new()
                {
                    ["roiWorse2"] = worse2.Figures.Roi,
                    ["roiWorse5"] = worse5.Figures.Roi,
                    ["roiRefused30"] = refused.Figures.Roi,
                    ["roiClosingOnly"] = closing.Figures.Roi,
                }
            )
        );

        verdicts.Add(
            Verdict(
                "bootstrap",
                h.Bets > 0 && h.RoiLow95 > 0,
                $"95% CI of ROI {h.RoiLow95:P1}..{h.RoiHigh95:P1}",
                new() { ["roiLow95"] = h.RoiLow95, ["roiHigh95"] = h.RoiHigh95 }
            )
        );

        // DSR deflates the Sharpe ratio of the sample the candidate was selected on (training) for the
        // number of trials and the spread of Sharpe ratios among its family's trials.
        var training = await grain.BacktestAsync(
            new BacktestRequest(leagues, request.TrainSeasons, BootstrapSamples: 0, KeepReport: false, IncludeReturns: true),
            ct
        );
        var returns = training.Returns ?? [];
        var (_, _, skew, kurtosis) = SharpeStatistics.Moments(returns);
        var variance = request.SharpeVarianceByFamily.GetValueOrDefault(candidate.Family);
        var dsr = SharpeStatistics.Deflated(training.Figures.SharpePerBet, returns.Length, skew, kurtosis, request.Trials, variance);
        verdicts.Add(
            Verdict(
                "deflated-sharpe",
                dsr >= DsrThreshold,
                $"DSR {dsr:F3} for {request.Trials} effective trials (in-sample Sharpe {training.Figures.SharpePerBet:F3}, T {returns.Length}, SR0 {SharpeStatistics.ExpectedMaximum(request.Trials, variance):F3})",
                new()
                {
                    ["dsr"] = dsr,
                    ["sharpe"] = training.Figures.SharpePerBet,
                    ["trials"] = request.Trials,
                    ["sharpeVariance"] = variance,
                }
            )
        );

        return new ValidationOutcome(candidate.Id, candidate.Family, candidate.Spec, verdicts.All(v => v.Passed), verdicts, h, dsr);
    }

    private static ValidatorVerdict Verdict(string name, bool passed, string reason, Dictionary<string, double> figures) =>
        new(name, passed, reason, figures);
}
