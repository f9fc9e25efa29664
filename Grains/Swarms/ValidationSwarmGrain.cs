using System.Globalization;
using MathNet.Numerics.Distributions;
using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms.Rules;

namespace Orleans.Betting.Swarms;

/// <summary>
/// Validation swarm (DESIGN §5): independent validators per candidate, approval only if unanimous.
/// The false-positive rate is controlled in one place, the untouched holdout: each candidate's
/// one-sided test of its evidence (<see cref="GateStatistic"/>: CLV against the de-margined sharp
/// close per match, stake-weighted and clustered by match; returns where no sharp close exists)
/// runs in a fixed sequence set by the training DSR alone, each at the request's α, stopping at the
/// first that fails, so the chance of approving anything without an edge is at most α however many
/// candidates there are. Realised returns significantly below what the CLV predicts block. The
/// other validators guard against fragile or lucky winners, on the same evidence:
/// walk-forward — the test seasons in order, rating models warmed up on everything before them;
///   the mean positive and no season significantly negative;
/// stress — prices 2 % and 5 % worse, 30 % of bets refused (seeded), closing prices only: no collapse;
/// deflated-sharpe — the training Sharpe ratio of the evidence beats what the best of all N trials
///   on this split (N and V of the same statistic) would reach by luck: DSR ≥ <see cref="DsrThreshold"/>.
/// Every verdict and its figures are kept on the strategy.
/// </summary>
public sealed class ValidationSwarmGrain(IGrainFactory grains) : Grain, IValidationSwarmGrain
{
    /// <summary>The holdout test's default level: the gate's false-positive rate for a one-shot run (the orchestrator spends less per split).</summary>
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
        var alpha = request.Alpha;
        var passes = FixedSequence.Rejected(
            order.Select(x => x.Check.Evidence.P).ToArray(),
            alpha,
            order.Select(x => x.Check.HoldoutEnoughBets && !x.Check.Evidence.Inconsistent).ToArray()
        );
        var outcomes = new ValidationOutcome[checks.Length];
        for (var rank = 0; rank < order.Length; rank++)
        {
            var (check, index) = order[rank];
            var e = check.Evidence;
            var significant = rank < passes;
            var holdout = check.Holdout with
            {
                Passed = significant,
                Reason =
                    !check.HoldoutEnoughBets ? check.Holdout.Reason
                    : e.Inconsistent
                        ? $"{check.Holdout.Reason}: realised returns fall short of what the CLV predicts by {-e.ConsistencyGap:P2} a unit (z {e.ConsistencyZ:F2} < {Normal.InvCDF(0, 1, GateStatistic.ConsistencyAlpha):F2}): the sharp close does not look unbiased on these bets"
                    : significant ? $"{check.Holdout.Reason}: p {e.P:G3} ≤ α {alpha:G3} (place {rank + 1} in the fixed sequence)"
                    : e.P > alpha ? $"{check.Holdout.Reason}: p {e.P:G3} > α {alpha:G3}"
                    : $"{check.Holdout.Reason}: p {e.P:G3}, but a candidate ranked higher on training failed first (fixed sequence)",
                Figures = new Dictionary<string, double>(check.Holdout.Figures) { ["sequence"] = rank + 1, ["alpha"] = alpha },
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

    private sealed record Check(
        ValidationOutcome Outcome,
        List<ValidatorVerdict> Verdicts,
        ValidatorVerdict Holdout,
        EvidenceTest Evidence,
        bool HoldoutEnoughBets
    );

    private async Task<Check> ValidateAsync(CandidateResult candidate, ValidationRequest request, CancellationToken ct)
    {
        var grain = grains.GetGrain<IStrategyGrain>(candidate.Id);
        // Selected candidates become durable here (the generation keeps its many trials in memory only),
        // so a run resumed on another silo or after a crash finds them.
        await grain.DefineAsync(candidate.Spec);
        var leagues = string.Join(',', request.Leagues);
        var minBets = CandidateFitness.MinBetsPerSeason * request.TestSeasons.Count * request.Leagues.Count / 2;
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
        var bets = ValidationEvidence.EvidenceOf(holdout);
        var decidesAtClose = StrategyFactory.Create(candidate.Spec).DecisionPhase == Phase.Closing;
        var evidence = GateStatistic.Evaluate(
            bets,
            request.Evidence,
            noWitness: decidesAtClose ? "it decides at the close, so the close is no independent witness of its bets" : null
        );
        var kind = evidence.Kind;
        var unit = kind == GateEvidence.Clv ? "CLV" : "ROI";
        // A match id names its season.
        var bySeason = bets.ToLookup(b => MatchId.TryParse(b.Match, out var id) ? id.Season : "", StringComparer.Ordinal);

        // Walk-forward by season: each test season on its own, after everything before it, on the same evidence.
        var folds = request
            .TestSeasons.Select(season =>
            {
                var test = GateStatistic.Exactly(bySeason[season].ToArray(), kind);
                return (Season: season, test.Bets, test.Mean, test.Z);
            })
            .ToArray();
        var played = folds.Where(f => f.Bets > 0).ToArray();
        verdicts.Add(
            Verdict(
                "walk-forward",
                played.Length == folds.Length && played.Average(f => f.Mean) > 0 && played.All(f => f.Z > -1.645),
                played.Length < folds.Length
                    ? "a test season has no bets"
                    : $"season {unit}s {string.Join(", ", played.Select(f => f.Mean.ToString("P1", CultureInfo.InvariantCulture)))} (z {string.Join(", ", played.Select(f => f.Z.ToString("F2", CultureInfo.InvariantCulture)))})",
                folds.ToDictionary(f => $"{unit.ToLowerInvariant()} {f.Season}", f => f.Bets > 0 ? f.Mean : double.NaN)
            )
        );

        var enough = h.Bets >= minBets;
        var holdoutVerdict = Verdict(
            "holdout",
            enough && evidence.P <= request.Alpha && !evidence.Inconsistent,
            enough
                ? $"out of sample, {h.Bets} bets: {evidence.Describe()} (ROI 95% CI {h.RoiLow95:P1}..{h.RoiHigh95:P1})"
                : $"{h.Bets} bets < {minBets}",
            new()
            {
                ["bets"] = h.Bets,
                ["matches"] = evidence.Matches,
                ["roi"] = h.Roi,
                ["profit"] = h.Profit,
                ["p"] = evidence.P,
                ["z"] = evidence.Z,
                ["evidenceClv"] = kind == GateEvidence.Clv ? 1 : 0,
                ["clv"] = evidence.Clv,
                ["clvZ"] = evidence.ClvZ,
                ["clvCoverage"] = evidence.ClvCoverage,
                ["roiZ"] = evidence.RoiZ,
                ["consistencyGap"] = evidence.ConsistencyGap,
                ["consistencyZ"] = evidence.ConsistencyZ,
                ["roiLow95"] = h.RoiLow95,
                ["roiHigh95"] = h.RoiHigh95,
                ["trainingRoi"] = candidate.Training.Roi,
            }
        );
        verdicts.Add(holdoutVerdict);

        // Stress on the same evidence: the mean CLV (or ROI) of each stressed backtest, no collapse.
        double Judged(BacktestReport r) => kind == GateEvidence.Clv ? r.Figures.MeanClv ?? double.NaN : r.Figures.Roi;
        var (s2, s5, s30) = (Judged(worse2), Judged(worse5), Judged(refused));
        // Closing prices only: an edge that beats the close cannot survive being bet at the close, so under
        // CLV it is reported, not judged; under returns its ROI must not collapse.
        var sc = closing.Figures.Roi;
        var stressOk = s2 > -0.03 && s5 > -0.06 && s30 > -0.02 && (kind == GateEvidence.Clv || sc > -0.03);
        verdicts.Add(
            Verdict(
                "stress",
                stressOk,
                $"{unit} 2% worse {s2:P1}, 5% worse {s5:P1}, 30% refused {s30:P1}; ROI closing only {sc:P1}{(kind == GateEvidence.Clv ? " (reported, not judged)" : "")}",
                new()
                {
                    ["worse2"] = s2,
                    ["worse5"] = s5,
                    ["refused30"] = s30,
                    ["closingOnly"] = sc,
                    ["roiWorse2"] = worse2.Figures.Roi,
                    ["roiWorse5"] = worse5.Figures.Roi,
                    ["roiRefused30"] = refused.Figures.Roi,
                    ["roiClosingOnly"] = closing.Figures.Roi,
                }
            )
        );

        // DSR deflates the Sharpe ratio of the sample the candidate was selected on (training) for N
        // trials with Sharpe variance V, both from the same ledger of fit trials on this split, all of
        // the same statistic (the per-bet CLV under CLV evidence, the per-bet return otherwise).
        var training = await grain.BacktestAsync(
            new BacktestRequest(leagues, request.TrainSeasons, BootstrapSamples: 0, KeepReport: false, IncludeReturns: true),
            ct
        );
        var trainingSeries = GateStatistic.Series(ValidationEvidence.EvidenceOf(training), kind);
        var (trainingMean, trainingSd, skew, kurtosis) = SharpeStatistics.Moments(trainingSeries);
        var trainingSharpe = trainingSd > 0 ? trainingMean / trainingSd : 0;
        var variance = ValidationEvidence.DeflationVariance(request.Trials, trainingSeries.Length);
        var dsr = SharpeStatistics.Deflated(trainingSharpe, trainingSeries.Length, skew, kurtosis, request.Trials, variance);
        verdicts.Add(
            Verdict(
                "deflated-sharpe",
                dsr >= DsrThreshold,
                $"DSR {dsr:F3} for {request.Trials} trials (in-sample {unit} Sharpe {trainingSharpe:F3}, T {trainingSeries.Length}, SR0 {SharpeStatistics.ExpectedMaximum(request.Trials, variance):F3})",
                new()
                {
                    ["dsr"] = dsr,
                    ["sharpe"] = trainingSharpe,
                    ["trials"] = request.Trials,
                    ["sharpeVariance"] = variance,
                    ["trialSharpeVariance"] = request.SharpeVariance,
                }
            )
        );

        var outcome = new ValidationOutcome(candidate.Id, candidate.Family, candidate.Spec, verdicts.All(v => v.Passed), verdicts, h, dsr);
        return new Check(outcome, verdicts, holdoutVerdict, evidence, enough);
    }

    /// <summary>A verdict with its figures; a figure that is not a finite number (a z of a spread-free sample, a season without bets) is left out rather than stored as one.</summary>
    private static ValidatorVerdict Verdict(string name, bool passed, string reason, Dictionary<string, double> figures) =>
        new(name, passed, reason, figures.Where(f => double.IsFinite(f.Value)).ToDictionary(f => f.Key, f => f.Value));
}
