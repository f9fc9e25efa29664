using MathNet.Numerics.Distributions;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Quant;

/// <summary>
/// The deployment gate's statistic. Closing line value against the de-margined sharp close is the
/// witness: if the sharp close is an unbiased estimate of the true probability (the assumption the
/// gate rests on, and the one the consistency check and the live ledger watch), a bet's CLV has the
/// bet's expected return as its mean and a fraction of its variance, so an edge that needs tens of
/// thousands of bets to show in returns shows in hundreds as CLV. Realised returns stay a check:
/// returns significantly below what the CLV predicts (one-sided, <see cref="ConsistencyAlpha"/>)
/// block, because then the close is not what the gate takes it for on these bets. Where fewer than
/// <see cref="MinClvCoverage"/> of the stake has a sharp close, returns judge and the test says so.
/// </summary>
public static class GateStatistic
{
    /// <summary>The share of the stake that must have a sharp close for CLV to judge.</summary>
    public const double MinClvCoverage = 0.9;

    /// <summary>The level at which returns below the CLV's prediction block (a check, not the gate: strict, so it rarely costs power).</summary>
    public const double ConsistencyAlpha = 0.01;

    /// <summary>The evidence the gate asks for, falling back to returns (and saying why) where the close cannot witness.</summary>
    /// <param name="noWitness">Why the close cannot witness these bets (e.g. they were decided at the close): returns judge, for that reason.</param>
    public static EvidenceTest Evaluate(IReadOnlyList<EvidenceBet> bets, GateEvidence requested, string? noWitness = null)
    {
        var coverage = Coverage(bets);
        if (requested == GateEvidence.Returns)
        {
            return Test(bets, GateEvidence.Returns, null, coverage);
        }

        if (noWitness is not null)
        {
            return Test(bets, GateEvidence.Returns, noWitness, coverage);
        }

        return coverage >= MinClvCoverage
            ? Test(bets, GateEvidence.Clv, null, coverage)
            : Test(
                bets,
                GateEvidence.Returns,
                bets.Count == 0 ? "no bets" : $"only {coverage:P0} of the stake has a sharp close (CLV needs {MinClvCoverage:P0})",
                coverage
            );
    }

    /// <summary>Exactly the given kind of evidence, with no fallback (a season of a judged strategy, an oracle, a reference rule).</summary>
    public static EvidenceTest Exactly(IReadOnlyList<EvidenceBet> bets, GateEvidence kind) => Test(bets, kind, null, Coverage(bets));

    /// <summary>The share of the stake whose bets have a sharp close (0 without bets).</summary>
    private static double Coverage(IReadOnlyList<EvidenceBet> bets)
    {
        var staked = bets.Sum(b => b.Stake);
        return staked > 0 ? bets.Where(b => !double.IsNaN(b.Clv)).Sum(b => b.Stake) / staked : 0;
    }

    private static EvidenceTest Test(IReadOnlyList<EvidenceBet> bets, GateEvidence kind, string? fallback, double coverage)
    {
        var returns = ClusteredMean.Of(bets.Select(b => (b.Match, b.Stake, b.Return)));
        var withClv = bets.Where(b => !double.IsNaN(b.Clv)).ToArray();
        var clv = ClusteredMean.Of(withClv.Select(b => (b.Match, b.Stake, b.Clv)));
        var chosen = kind == GateEvidence.Clv ? clv : returns;
        var z = chosen.Z;
        var p = chosen.Clusters < 2 ? 1 : 1 - Normal.CDF(0, 1, z);

        // Realised minus predicted, bet by bet on the bets that have both: zero in expectation when the close is unbiased.
        var gap = ClusteredMean.Of(withClv.Select(b => (b.Match, b.Stake, b.Return - b.Clv)));
        var inconsistent = kind == GateEvidence.Clv && gap.Clusters >= 2 && gap.Z < Normal.InvCDF(0, 1, ConsistencyAlpha);
        return new EvidenceTest(
            kind,
            fallback,
            bets.Count,
            chosen.Clusters,
            chosen.Mean,
            chosen.StandardError,
            z,
            p,
            returns.Mean,
            returns.Z,
            clv.Mean,
            clv.Z,
            coverage,
            gap.Mean,
            gap.Z,
            inconsistent
        );
    }

    /// <summary>The per-bet series the gate's kind judges (for Sharpe-type statistics): CLVs (bets without a close left out) or returns.</summary>
    public static double[] Series(IReadOnlyList<EvidenceBet> bets, GateEvidence kind) =>
        kind == GateEvidence.Clv
            ? bets.Where(b => !double.IsNaN(b.Clv)).Select(b => b.Clv).ToArray()
            : bets.Select(b => b.Return).ToArray();
}
