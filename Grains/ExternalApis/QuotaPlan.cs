using System.Globalization;

namespace Orleans.Betting.ExternalApis;

/// <summary>What the quota plan looks at (all times are the market's).</summary>
/// <param name="MonthlyCredits">The month's credits (learned from the quota headers, else configured).</param>
/// <param name="Used">Credits used since the month's reset.</param>
/// <param name="ReserveShare">The share kept back for Critical calls: polling stops before it is touched.</param>
/// <param name="CostPerPoll">Credits one poll of every sport costs (markets × regions, summed over sports).</param>
/// <param name="Kickoffs">The upcoming events' kick-offs (every polled sport).</param>
public sealed record QuotaPlanInputs(
    long MonthlyCredits,
    long Used,
    double ReserveShare,
    DateTime NowUtc,
    DateTime MonthStartUtc,
    DateTime MonthEndUtc,
    int CostPerPoll,
    IReadOnlyList<DateTime> Kickoffs,
    QuotaPlanTiers? Tiers = null
);

/// <summary>The pace by the time to the nearest kick-off: within 6 h, within 48 h, further, nothing listed.</summary>
public sealed record QuotaPlanTiers(TimeSpan Near, TimeSpan Day, TimeSpan Far, TimeSpan Idle)
{
    public static QuotaPlanTiers Default { get; } =
        new(TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromHours(12));
}

/// <summary>The plan: how often to poll now (null: stop until the reset), the month's forecast, and why.</summary>
public sealed record QuotaPlanDecision(
    TimeSpan? Interval,
    double Stretch,
    double ForecastMonth,
    long Reserve,
    string State,
    IReadOnlyList<string> Reasons
);

/// <summary>
/// Plans odds polling so a month's credits last the month (pure). The pace follows the nearest
/// kick-off — often near kick-off (when prices move and decisions are taken), rarely for distant
/// events, seldom with nothing listed — and the spend it implies is forecast to the month's end
/// from the listed events' schedule (three days ahead, repeated). When that forecast would eat into
/// the reserve, every interval is stretched by the overshoot; once the spendable credits are gone,
/// polling stops until the month resets, and the reserve is left to Critical calls.
/// </summary>
public static class QuotaPlan
{
    /// <summary>The horizon the schedule is simulated over before it is extrapolated to the month.</summary>
    public static TimeSpan Horizon { get; } = TimeSpan.FromDays(3);

    /// <summary>The base pace at a moment: by the time to the nearest kick-off still ahead.</summary>
    public static TimeSpan BaseInterval(DateTime atUtc, IReadOnlyList<DateTime> kickoffs, QuotaPlanTiers? tiers = null)
    {
        var (near, day, far, idle) = tiers ?? QuotaPlanTiers.Default;
        var next = kickoffs.Where(k => k > atUtc).DefaultIfEmpty(DateTime.MaxValue).Min();
        if (next == DateTime.MaxValue)
        {
            return idle;
        }

        var until = next - atUtc;
        return until <= TimeSpan.FromHours(6) ? near
            : until <= TimeSpan.FromHours(48) ? day
            : far;
    }

    public static QuotaPlanDecision Decide(QuotaPlanInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var reserve = (long)Math.Ceiling(inputs.MonthlyCredits * Math.Clamp(inputs.ReserveShare, 0, 1));
        var spendable = inputs.MonthlyCredits - reserve - inputs.Used;
        var reasons = new List<string>();
        if (spendable < inputs.CostPerPoll)
        {
            reasons.Add(
                $"{inputs.Used} of {inputs.MonthlyCredits} credits used; the reserve of {reserve} is kept for Critical calls: "
                    + $"polling stops until the month resets ({inputs.MonthEndUtc:u})"
            );
            return new QuotaPlanDecision(null, double.PositiveInfinity, inputs.Used, reserve, "stopped: reserve reached", reasons);
        }

        // The schedule's spend over the horizon at the base pace, extrapolated to the month's end.
        var polls = 0;
        var t = inputs.NowUtc;
        while (t < inputs.NowUtc + Horizon && polls < 100_000)
        {
            polls++;
            t += BaseInterval(t, inputs.Kickoffs, inputs.Tiers);
        }

        var perDay = polls * inputs.CostPerPoll / Math.Max(1e-9, Math.Min(Horizon.TotalDays, (t - inputs.NowUtc).TotalDays));
        var daysLeft = Math.Max(0, (inputs.MonthEndUtc - inputs.NowUtc).TotalDays);
        var planned = perDay * daysLeft;
        var stretch = planned > spendable ? planned / spendable : 1.0;
        var interval = BaseInterval(inputs.NowUtc, inputs.Kickoffs, inputs.Tiers) * stretch;
        var forecast = inputs.Used + planned / stretch;
        reasons.Add(
            $"base pace {Describe(BaseInterval(inputs.NowUtc, inputs.Kickoffs, inputs.Tiers))} ({NearestText(inputs)}): "
                + $"{perDay.ToString("0.#", CultureInfo.InvariantCulture)} credits a day over the listed schedule"
        );
        reasons.Add(
            stretch > 1
                ? $"{planned:0} credits to the month's end would overrun the {spendable} spendable: every interval ×{stretch.ToString("0.##", CultureInfo.InvariantCulture)}"
                : $"{planned:0} credits to the month's end fit the {spendable} spendable"
        );
        reasons.Add($"forecast {forecast:0} of {inputs.MonthlyCredits} this month, {reserve} kept in reserve");
        return new QuotaPlanDecision(interval, stretch, forecast, reserve, stretch > 1 ? "stretched" : "on plan", reasons);
    }

    /// <summary>The month a time falls in, from the reset day (the API names no reset date: the calendar month by default).</summary>
    public static (DateTime Start, DateTime End) Month(DateTime atUtc, int resetDay = 1)
    {
        var day = Math.Clamp(resetDay, 1, 28);
        var start = new DateTime(atUtc.Year, atUtc.Month, day, 0, 0, 0, DateTimeKind.Utc);
        if (start > atUtc)
        {
            start = start.AddMonths(-1);
        }

        return (start, start.AddMonths(1));
    }

    private static string NearestText(QuotaPlanInputs inputs) =>
        inputs.Kickoffs.Where(k => k > inputs.NowUtc).DefaultIfEmpty(DateTime.MaxValue).Min() is var next && next != DateTime.MaxValue
            ? $"next kick-off in {Describe(next - inputs.NowUtc)}"
            : "nothing listed";

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1
            ? $"{span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h"
            : $"{span.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} min";
}
