using MathNet.Numerics.Distributions;

namespace Orleans.Betting.Agents.Decisions;

/// <summary>
/// Thompson sampling over Beta(1 + successes, 1 + failures) posteriors: each arm's draw decides,
/// so arms that paid are chosen more while the others are still tried now and then. Seeded.
/// </summary>
public static class ThompsonBandit
{
    public static (string Arm, IReadOnlyDictionary<string, double> Draws) Choose(IReadOnlyDictionary<string, ArmRecord> arms, Random random)
    {
        if (arms.Count == 0)
        {
            throw new ArgumentException("a bandit needs at least one arm");
        }

        var draws = arms.OrderBy(a => a.Key, StringComparer.Ordinal)
            .ToDictionary(a => a.Key, a => Beta.Sample(random, 1 + a.Value.Successes, 1 + a.Value.Failures));
        return (draws.MaxBy(d => d.Value).Key, draws);
    }
}
