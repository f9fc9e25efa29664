using Orleans.Betting.Quant;

namespace Orleans.Betting.Tests.Quant;

public sealed class BacktestOverfittingTests
{
    [Fact]
    public void PboRanksTrialsByPooledRoiOverTheInSampleBlocksAsTheGenerationDoes()
    {
        // A earns 5 % on large stakes, except one block with a single small losing bet; B earns 1 % throughout.
        (double[], double[]) a = ([50, 50, -10, 50], [1000, 1000, 10, 1000]);
        (double[], double[]) b = ([10, 10, 10, 10], [1000, 1000, 1000, 1000]);
        // Pooled ROI (what selection ranks by) prefers A on every set of blocks: it is never an overfit pick.
        Assert.Equal(0, BacktestOverfitting.Probability([a, b]));
        // Summing per-block ROIs instead lets the one −100 % block pick B whenever it is in sample.
        double[] Rois((double[] P, double[] S) t) => t.P.Zip(t.S, (p, s) => p / s).ToArray();
        Assert.True(BacktestOverfitting.Probability([Rois(a), Rois(b)]) > 0);
    }

    [Fact]
    public void TenBlocksGiveTwoHundredFiftyTwoSplits()
    {
        // Trial i shines in block i only (ten trials, ten blocks): whichever wins in sample is middling out of sample.
        var trials = Enumerable
            .Range(0, 10)
            .Select(i => (Enumerable.Range(0, 10).Select(b => b == i ? 50.0 : -5.0).ToArray(), Enumerable.Repeat(100.0, 10).ToArray()))
            .ToList();
        var pbo = BacktestOverfitting.Probability(trials)!.Value;
        Assert.Equal(Math.Round(pbo * 252), pbo * 252, 9);
        Assert.InRange(pbo, 0.5, 1.0);
        Assert.Equal(10, BacktestOverfitting.DefaultBlocks);
    }
}
