using System.Globalization;
using MathNet.Numerics.Distributions;
using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Strategies;

namespace Orleans.Betting.Swarms;

/// <summary>
/// Validation swarm (DESIGN §5): independent validators per candidate, approval only if unanimous.
/// The false-positive rate is controlled in one place, the untouched holdout: each candidate's
/// one-sided test of mean return &gt; 0 runs in a fixed sequence set by the training DSR alone, each
/// at the full α, stopping at the first that fails, so the chance of approving anything without an
/// edge is at most α however many candidates there are (the fixed-sequence procedure). The other
/// validators guard against fragile or lucky winners:
/// walk-forward — the test seasons in order, rating models warmed up on everything before them;
///   the mean positive and no season significantly negative;
/// stress — prices 2 % and 5 % worse, 30 % of bets refused (seeded), closing prices only: no collapse;
/// deflated-sharpe — the training Sharpe ratio beats what the best of all N trials on this split
///   (the trial ledger's N and V) would reach by luck: DSR ≥ <see cref="DsrThreshold"/>.
/// Every verdict and its figures are kept on the strategy.
/// </summary>
public sealed class ValidationSwarmGrain(IGrainFactory grains) : Grain, IValidationSwarmGrain
{
    /// <summary>The holdout test's level: the gate's false-positive rate for one split.</summary>
    public const double Alpha = 0.05;

    /// <summary>
    /// DSR is the probability that the true Sharpe ratio exceeds the expected maximum of N lucky
    /// trials. The holdout already controls false positives; 0.5 asks the training figure to beat
    /// that maximum at all (the classic 0.95 on training data alone would demand a second, stricter
    /// significance test and halve the gate's power for no fewer false positives).
    /// </summary>
    public const double DsrThreshold = 0.5;

    public async Task<IReadOnlyList<ValidationOutcome>> RunAsync(ValidationRequest request, CancellationToken cancellationToken = default)
    {
        var run = grains.GetGrain<ISwarmRunGrain>(request.RunId);
        var done = 0;
        using var gate = new SemaphoreSlim(4);
        var checks = await Task.WhenAll(
            request.Candidates.Select(async candidate =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    var check = await ValidateAsync(candidate, request, cancellationToken);
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
                    return check;
                }
                finally
                {
                    gate.Release();
                }
            })
        );

        // The fixed sequence: by deflated Sharpe ratio on training (known before the holdout was read: a
        // long record of tiny returns that N lucky trials would match ranks below a strong one), each
        // at α, until one fails.
        var order = checks
            .Select((c, i) => (Check: c, Index: i))
            .OrderByDescending(x => x.Check.Outcome.DeflatedSharpe)
            .ThenByDescending(x => request.Candidates[x.Index].Training.TStatistic)
            .ThenBy(x => request.Candidates[x.Index].Id, StringComparer.Ordinal)
            .ToArray();
        var outcomes = new ValidationOutcome[checks.Length];
        var open = true;
        for (var rank = 0; rank < order.Length; rank++)
        {
            var (check, index) = order[rank];
            var significant = open && check.HoldoutEnoughBets && check.HoldoutP <= Alpha;
            open = significant;
            var holdout = check.Holdout with
            {
                Passed = significant,
                Reason =
                    !check.HoldoutEnoughBets ? check.Holdout.Reason
                    : significant ? $"{check.Holdout.Reason}: p {check.HoldoutP:F4} ≤ {Alpha} (place {rank + 1} in the fixed sequence)"
                    : check.HoldoutP > Alpha ? $"{check.Holdout.Reason}: p {check.HoldoutP:F4} > {Alpha}"
                    : $"{check.Holdout.Reason}: p {check.HoldoutP:F4}, but a candidate ranked higher on training failed first (fixed sequence)",
                Figures = new Dictionary<string, double>(check.Holdout.Figures) { ["sequence"] = rank + 1 },
            };
            var verdicts = check.Verdicts.Select(v => v.Validator == "holdout" ? holdout : v).ToList();
            outcomes[index] = check.Outcome with { Verdicts = verdicts, Approved = verdicts.All(v => v.Passed) };
        }

        foreach (var outcome in outcomes)
        {
            await grains.GetGrain<IStrategyGrain>(outcome.Id).RecordValidationAsync(request.RunId, outcome.Verdicts, outcome.Approved);
        }

        return outcomes;
    }

    /// <summary>One-sided p-value of mean per-bet return &gt; 0 (normal approximation; returns are per unit stake).</summary>
    public static double OneSidedP(IReadOnlyList<double> returns)
    {
        var (mean, sd, _, _) = SharpeStatistics.Moments(returns);
        if (returns.Count < 2 || sd <= 0)
        {
            return mean > 0 && returns.Count >= 2 ? 0 : 1;
        }

        return 1 - Normal.CDF(0, 1, mean / sd * Math.Sqrt(returns.Count));
    }

    private sealed record Check(
        ValidationOutcome Outcome,
        List<ValidatorVerdict> Verdicts,
        ValidatorVerdict Holdout,
        double HoldoutP,
        bool HoldoutEnoughBets
    );

    private async Task<Check> ValidateAsync(CandidateResult candidate, ValidationRequest request, CancellationToken ct)
    {
        var grain = grains.GetGrain<IStrategyGrain>(candidate.Id);
        // Selected candidates become durable here (the generation keeps its many trials in memory only),
        // so a run resumed on another silo or after a crash finds them.
        await grain.DefineAsync(candidate.Spec);
        var leagues = string.Join(',', request.Leagues);
        var minBets = GenerationSwarmGrain.MinBetsPerSeason * request.TestSeasons.Count * request.Leagues.Count / 2;
        // Every test backtest replays the training seasons first, unbet: rating models trade warm, as they would live.
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
                IncludeReturns: returns,
                WarmUpSeasons: request.TrainSeasons
            );

        var holdout = await grain.BacktestAsync(Test(returns: true) with { KeepReport = true }, ct);
        var worse2 = await grain.BacktestAsync(Test(worse: 0.02), ct);
        var worse5 = await grain.BacktestAsync(Test(worse: 0.05), ct);
        var refused = await grain.BacktestAsync(Test(refuse: 0.30), ct);
        var closing = await grain.BacktestAsync(Test(closing: true), ct);
        var h = holdout.Figures;
        var verdicts = new List<ValidatorVerdict>();
        var returns = holdout.Returns ?? [];
        var keys = holdout.ReturnKeys ?? [];
        // A return key starts with the bet's match id ("match|market|outcome|line"), and the id names the season.
        var returnsBySeason = returns
            .Select((r, i) => (Return: r, Season: i < keys.Length && MatchId.TryParse(keys[i].Split('|')[0], out var id) ? id.Season : ""))
            .ToLookup(x => x.Season, x => x.Return, StringComparer.Ordinal);

        // Walk-forward by season: each test season on its own, after everything before it.
        var folds = request
            .TestSeasons.Select(season =>
            {
                var r = returnsBySeason[season].ToArray();
                var (mean, sd, _, _) = SharpeStatistics.Moments(r);
                return (
                    Season: season,
                    Bets: r.Length,
                    Roi: holdout.RoiBySeason?.GetValueOrDefault(season, double.NaN) ?? double.NaN,
                    Z: r.Length > 1 && sd > 0 ? mean / sd * Math.Sqrt(r.Length) : 0
                );
            })
            .ToArray();
        var played = folds.Where(f => f.Bets > 0).ToArray();
        verdicts.Add(
            Verdict(
                "walk-forward",
                played.Length == folds.Length && played.Average(f => f.Roi) > 0 && played.All(f => f.Z > -1.645),
                played.Length < folds.Length
                    ? "a test season has no bets"
                    : $"season ROIs {string.Join(", ", played.Select(f => f.Roi.ToString("P1", CultureInfo.InvariantCulture)))} (z {string.Join(", ", played.Select(f => f.Z.ToString("F2", CultureInfo.InvariantCulture)))})",
                folds.ToDictionary(f => $"roi {f.Season}", f => f.Roi)
            )
        );

        var p = OneSidedP(returns);
        var enough = h.Bets >= minBets;
        var holdoutVerdict = Verdict(
            "holdout",
            enough && p <= Alpha,
            enough
                ? $"out-of-sample ROI {h.Roi:P2} on {h.Bets} bets (95% CI {h.RoiLow95:P1}..{h.RoiHigh95:P1})"
                : $"{h.Bets} bets < {minBets}",
            new()
            {
                ["bets"] = h.Bets,
                ["roi"] = h.Roi,
                ["profit"] = h.Profit,
                ["p"] = p,
                ["roiLow95"] = h.RoiLow95,
                ["roiHigh95"] = h.RoiHigh95,
                ["trainingRoi"] = candidate.Training.Roi,
            }
        );
        verdicts.Add(holdoutVerdict);

        var stressOk =
            worse2.Figures.Roi > -0.03 && worse5.Figures.Roi > -0.06 && refused.Figures.Roi > -0.02 && closing.Figures.Roi > -0.03;
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

        // DSR deflates the Sharpe ratio of the sample the candidate was selected on (training) for N
        // trials with Sharpe variance V, both from the same ledger of fit trials on this split.
        var training = await grain.BacktestAsync(
            new BacktestRequest(leagues, request.TrainSeasons, BootstrapSamples: 0, KeepReport: false, IncludeReturns: true),
            ct
        );
        var trainingReturns = training.Returns ?? [];
        var (_, _, skew, kurtosis) = SharpeStatistics.Moments(trainingReturns);
        var variance = DeflationVariance(request.SharpeVariance, request.Trials, trainingReturns.Length);
        var dsr = SharpeStatistics.Deflated(
            training.Figures.SharpePerBet,
            trainingReturns.Length,
            skew,
            kurtosis,
            request.Trials,
            variance
        );
        verdicts.Add(
            Verdict(
                "deflated-sharpe",
                dsr >= DsrThreshold,
                $"DSR {dsr:F3} for {request.Trials} trials (in-sample Sharpe {training.Figures.SharpePerBet:F3}, T {trainingReturns.Length}, SR0 {SharpeStatistics.ExpectedMaximum(request.Trials, variance):F3})",
                new()
                {
                    ["dsr"] = dsr,
                    ["sharpe"] = training.Figures.SharpePerBet,
                    ["trials"] = request.Trials,
                    ["sharpeVariance"] = variance,
                }
            )
        );

        var outcome = new ValidationOutcome(candidate.Id, candidate.Family, candidate.Spec, verdicts.All(v => v.Passed), verdicts, h, dsr);
        return new Check(outcome, verdicts, holdoutVerdict, p, enough);
    }

    /// <summary>
    /// V for the deflated Sharpe ratio: the trials' Sharpe variance, or — when there were too few fit
    /// trials to estimate it, or all scored alike — the sampling variance of one Sharpe estimate on
    /// T bets (1/T), the least spread N trials would show by noise alone. Never 0 when N &gt; 1.
    /// </summary>
    public static double DeflationVariance(double trialVariance, int trials, int observations) =>
        trials <= 1 ? 0
        : trialVariance > 0 ? trialVariance
        : 1.0 / Math.Max(2, observations);

    private static ValidatorVerdict Verdict(string name, bool passed, string reason, Dictionary<string, double> figures) =>
        new(name, passed, reason, figures);
}
