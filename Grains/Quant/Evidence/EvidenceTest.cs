using Orleans.Betting.Swarms;

namespace Orleans.Betting.Quant;

/// <summary>
/// The gate's evidence on one set of bets. <see cref="Kind"/> is what was judged (CLV, or returns
/// where too few bets had a sharp close: <see cref="Fallback"/> says why); <see cref="P"/> is the
/// one-sided p-value of its stake-weighted mean being &gt; 0, clustered by match. Returns are always
/// reported beside it; with CLV evidence, <see cref="ConsistencyZ"/> tests realised returns against
/// what the CLV predicts (the same bets), and <see cref="Inconsistent"/> is a significant shortfall.
/// </summary>
public sealed record EvidenceTest(
    GateEvidence Kind,
    string? Fallback,
    int Bets,
    int Matches,
    double Mean,
    double StandardError,
    double Z,
    double P,
    double Roi,
    double RoiZ,
    double Clv,
    double ClvZ,
    double ClvCoverage,
    double ConsistencyGap,
    double ConsistencyZ,
    bool Inconsistent
)
{
    public string Describe() =>
        Kind == GateEvidence.Clv
            ? $"CLV {Clv:P2} (z {Z:F2}, {Matches} matches), ROI {Roi:P2} (z {RoiZ:F2})"
            : $"ROI {Roi:P2} (z {Z:F2}, {Matches} matches){(Fallback is null ? "" : $" — returns judge: {Fallback}")}";
}
