namespace Orleans.Betting.Agents.Decisions;

/// <summary>An arm's record: rewards in [0, 1] summed as successes, their complements as failures.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.ArmRecord")]
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
