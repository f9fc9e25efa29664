namespace Orleans.Betting.Swarms;

[GenerateSerializer, Immutable]
[Alias("betting.GenerationResult")]
public sealed record GenerationResult(
    [property: Id(0)] int Trials,
    [property: Id(1)] double SharpeVariance,
    [property: Id(2)] IReadOnlyList<CandidateResult> Selected,
    [property: Id(3)] IReadOnlyDictionary<string, int> TrialsByFamily,
    [property: Id(4)] IReadOnlyDictionary<string, double> SharpeVarianceByFamily,
    [property: Id(5)] int EffectiveTrials,
    [property: Id(6)] double? Pbo = null,
    // This generation's fit trials alone (the caller's trial ledger adds it up across searches).
    [property: Id(7)] TrialTally? Tally = null,
    // Per family, the trials whose training evidence made money (the trial ledger's outcome, no holdout read).
    [property: Id(8)] IReadOnlyDictionary<string, int>? PayingByFamily = null
);
