using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Tests.ExternalApis;

/// <summary>The month's credits last the month: pace by kick-off, forecast, stretch, stop at the reserve.</summary>
public sealed class QuotaPlanTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 9, 0, 0, DateTimeKind.Utc);

    private static QuotaPlanInputs Inputs(long monthly, long used, IReadOnlyList<DateTime> kickoffs, int cost = 4)
    {
        var (start, end) = QuotaPlan.Month(Now);
        return new QuotaPlanInputs(monthly, used, 0.1, Now, start, end, cost, kickoffs);
    }

    [Fact]
    public void ThePacefollowsTheNearestKickOff()
    {
        Assert.Equal(QuotaPlanTiers.Default.Near, QuotaPlan.BaseInterval(Now, [Now.AddHours(3), Now.AddDays(2)]));
        Assert.Equal(QuotaPlanTiers.Default.Day, QuotaPlan.BaseInterval(Now, [Now.AddHours(30)]));
        Assert.Equal(QuotaPlanTiers.Default.Far, QuotaPlan.BaseInterval(Now, [Now.AddDays(5)]));
        Assert.Equal(QuotaPlanTiers.Default.Idle, QuotaPlan.BaseInterval(Now, [Now.AddHours(-1)]));
    }

    [Fact]
    public void APaidPlanPollsAtTheBasePaceAndForecastsWithinTheMonth()
    {
        var d = QuotaPlan.Decide(Inputs(20_000, 1_000, [Now.AddHours(4), Now.AddDays(1), Now.AddDays(2)]));
        Assert.Equal(QuotaPlanTiers.Default.Near, d.Interval);
        Assert.Equal(1.0, d.Stretch);
        Assert.InRange(d.ForecastMonth, 1_000, 20_000 - d.Reserve);
        Assert.Equal("on plan", d.State);
    }

    [Fact]
    public void TheFreePlanIsStretchedSoTheForecastEndsAtTheReserveNotBeforeTheMonthEnds()
    {
        // 500 credits a month with events every few hours: the base pace would need thousands.
        var kickoffs = Enumerable.Range(1, 30).Select(i => Now.AddHours(3 * i)).ToList();
        var d = QuotaPlan.Decide(Inputs(500, 50, kickoffs));
        Assert.True(d.Stretch > 1, $"stretch {d.Stretch}");
        Assert.True(d.Interval > QuotaPlanTiers.Default.Near);
        Assert.Equal(500 - d.Reserve, d.ForecastMonth, 6); // all that may be spent, spread over the month
        Assert.Equal("stretched", d.State);
        Assert.Contains(d.Reasons, r => r.Contains("would overrun"));
    }

    [Fact]
    public void SpentToTheReserveMidMonthPollingStopsUntilTheReset()
    {
        var d = QuotaPlan.Decide(Inputs(500, 448, [Now.AddHours(2)], cost: 4));
        Assert.Null(d.Interval);
        Assert.Equal(50, d.Reserve);
        Assert.StartsWith("stopped", d.State);
        Assert.Contains("until the month resets (2027-01-01", d.Reasons.Single());

        // Next month the count starts again and polling resumes.
        var next = new QuotaPlanInputs(
            500,
            0,
            0.1,
            new DateTime(2027, 1, 1, 0, 5, 0, DateTimeKind.Utc),
            new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(2027, 2, 1, 0, 0, 0, DateTimeKind.Utc),
            4,
            [new DateTime(2027, 1, 1, 3, 0, 0, DateTimeKind.Utc)]
        );
        Assert.NotNull(QuotaPlan.Decide(next).Interval);
    }

    [Fact]
    public void TheMonthFollowsTheResetDay()
    {
        Assert.Equal(
            (new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
            QuotaPlan.Month(Now)
        );
        Assert.Equal(
            (new DateTime(2026, 11, 15, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 15, 0, 0, 0, DateTimeKind.Utc)),
            QuotaPlan.Month(Now, 15)
        );
    }
}
