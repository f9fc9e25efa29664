using Orleans.Betting.Quant;

namespace Orleans.Betting.Tests.Quant;

public sealed class StakingTests
{
    [Theory]
    [InlineData(3.5, 0.3, 0.02)]
    [InlineData(2.1, 0.55, 0.1409091)]
    [InlineData(1.8, 0.4, 0)]
    [InlineData(2.0, 0.6, 0.2)]
    public void SingleKellyMatchesTheReference(double odds, double p, double expected) => Assert.Equal(expected, Kelly.Single(odds, p), 7);

    [Fact]
    public void CommissionShrinksTheNetPrice() => Assert.Equal((0.6 * 1.95 - 1) / 0.95, Kelly.Single(2.0, 0.6, commission: 0.05), 12);

    [Fact]
    public void SimultaneousKellyMatchesTheReference()
    {
        var (f, r) = Kelly.MutuallyExclusive([2.5, 3.2, 2.8], [0.45, 0.30, 0.25]);
        Assert.Equal(0.1021739, f[0], 7);
        Assert.Equal(0.0282609, f[1], 7);
        Assert.Equal(0, f[2], 12);
        Assert.Equal(0.8695652, r, 7);

        var (g, r2) = Kelly.MutuallyExclusive([2.0, 3.6, 4.2], [0.52, 0.28, 0.20]);
        Assert.Equal(0.07, g[0], 9);
        Assert.Equal(0.03, g[1], 9);
        Assert.Equal(0, g[2], 12);
        Assert.Equal(0.9, r2, 9);
    }

    [Fact]
    public void SizerAppliesPlanCapsAndFloor()
    {
        Assert.Equal(1, StakeSizer.Size(StakingPlan.Parse("flat"), StakeLimits.None, 100, 2.0, 0.5));
        Assert.Equal(2, StakeSizer.Size(StakingPlan.Parse("proportional:0.02"), StakeLimits.None, 100, 2.0, 0.5));
        Assert.Equal(5, StakeSizer.Size(StakingPlan.Parse("kelly:0.25"), StakeLimits.None, 100, 2.0, 0.6), 9); // 0.25 × 0.2 × 100

        var limits = new StakeLimits(MaxBetFraction: 0.03, MaxMatchFraction: 0.04, MaxDayFraction: 0.05, BankrollFloor: 90);
        var kelly = StakingPlan.Parse("kelly:1");
        Assert.Equal(3, StakeSizer.Size(kelly, limits, 100, 2.0, 0.6), 9); // per-bet cap
        Assert.Equal(1, StakeSizer.Size(kelly, limits, 100, 2.0, 0.6, matchExposure: 3), 9); // per-match cap
        Assert.Equal(0.5, StakeSizer.Size(kelly, limits, 100, 2.0, 0.6, dayExposure: 4.5), 9); // per-day cap
        Assert.Equal(0, StakeSizer.Size(kelly, limits, 90, 2.0, 0.6)); // at the floor
        Assert.Equal(
            1,
            StakeSizer.Size(kelly, limits with { MaxBetFraction = 1, MaxMatchFraction = 1, MaxDayFraction = 1 }, 91, 2.0, 0.6),
            9
        );
        Assert.Throws<QuantException>(() => StakingPlan.Parse("kelly:2"));
        Assert.Throws<QuantException>(() => StakingPlan.Parse("martingale"));
    }

    [Fact]
    public void ABareKellyIsQuarterKellyAndSaysSo()
    {
        Assert.Equal(new StakingPlan(StakingKind.Kelly, StakingPlan.DefaultKellyFraction), StakingPlan.Parse("kelly"));
        Assert.Equal("kelly:0.25", StakingPlan.Parse("kelly").ToString());
        Assert.Equal(1.0, StakingPlan.Parse("kelly:1").Parameter);
    }

    [Fact]
    public void StakesComeFromTheFreeBankrollAndOpenExposureIsCapped()
    {
        // Full Kelly at 2.0 with p 0.9 wants 80 % of the bankroll: a Thursday decision stakes 80 of 100,
        // and a Friday one on another weekend match, before anything settled, sizes from the 20 still free.
        var kelly = StakingPlan.Parse("kelly:1");
        Assert.Equal(80, StakeSizer.Size(kelly, StakeLimits.None, 100, 2.0, 0.9), 9);
        Assert.Equal(16, StakeSizer.Size(kelly, StakeLimits.None, 100, 2.0, 0.9, openExposure: 80), 9);
        // Flat 600 twice on 1,000: the second stake is what is left, never 1,200 at risk.
        var flat = StakingPlan.Parse("flat:600");
        Assert.Equal(600, StakeSizer.Size(flat, StakeLimits.None, 1000, 2.0, 0.5));
        Assert.Equal(400, StakeSizer.Size(flat, StakeLimits.None, 1000, 2.0, 0.5, openExposure: 600));
        // A cap on total open exposure: 30 % of 1,000 with 250 already open leaves 50.
        Assert.Equal(50, StakeSizer.Size(flat, new StakeLimits(MaxOpenFraction: 0.3), 1000, 2.0, 0.5, openExposure: 250), 9);
    }
}
