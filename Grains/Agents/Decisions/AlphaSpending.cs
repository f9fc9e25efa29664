namespace Orleans.Betting.Agents.Decisions;

/// <summary>
/// The gate's false-positive rate over the orchestrator's whole life, not per search. Every newly
/// completed season opens a new test period, and consecutive periods share seasons; a fresh 5 %
/// each time would let the chance of deploying a strategy with no edge approach K × 5 % after K
/// seasons. Instead the k-th test period opened gets α·6/(π²k²) (0.61α, 0.15α, 0.068α, …), a series
/// that sums to α over an unbounded life: by the union bound the chance of any false deployment,
/// ever, is at most α whatever the periods share. Later periods get less α but read more seasons.
/// </summary>
public static class AlphaSpending
{
    /// <summary>The lifetime false-deployment rate.</summary>
    public const double Lifetime = 0.05;

    /// <summary>The level of the <paramref name="k"/>-th test period opened (1-based).</summary>
    public static double ForPeriod(int k, double lifetime = Lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return lifetime * 6 / (Math.PI * Math.PI * k * (double)k);
    }

    /// <summary>How much of the lifetime α the first <paramref name="k"/> periods have spent.</summary>
    public static double SpentAfter(int k, double lifetime = Lifetime)
    {
        var spent = 0.0;
        for (var i = 1; i <= k; i++)
        {
            spent += ForPeriod(i, lifetime);
        }

        return spent;
    }
}
