using MathNet.Numerics.Distributions;

namespace Orleans.Betting.Agents.Decisions;

/// <summary>An arm's record: rewards in [0, 1] summed as successes, their complements as failures.</summary>
[GenerateSerializer, Immutable]
public sealed record ArmRecord([property: Id(0)] double Successes, [property: Id(1)] double Failures)
{
    public int Pulls => (int)Math.Round(Successes + Failures);

    public double Mean => (Successes + 1) / (Successes + Failures + 2);

    public ArmRecord Add(double reward)
    {
        var r = Math.Clamp(reward, 0, 1);
        return new ArmRecord(Successes + r, Failures + 1 - r);
    }
}

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
