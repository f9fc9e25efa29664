using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Agents;

/// <summary>ApiManager: reads every API's bucket and quota, and plans the odds polling so the month's credits last the month.</summary>
public sealed class ApiManagerAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<ApiManagerMemory>> record,
    IGrainFactory grains,
    AgentContext context,
    IOptions<Market.Live.LiveOddsOptions> liveOdds,
    IOptions<OddsApiOptions> oddsApi,
    IOptionsMonitor<TokenBucketOptions> buckets,
    ILogger<ApiManagerAgent> logger
) : AgentGrain<ApiManagerMemory>(record, context, logger), IApiManagerAgent
{
    protected override AgentRole Role => AgentRole.Worker;

    protected override double DefaultTickSeconds => 10;

    protected override IReadOnlyList<string> Tools { get; } = [ToolNames.ApisBuckets, ToolNames.ApisUsage, ToolNames.LiveStatus];

    protected override Views.AgentMemoryView DescribeMemory() =>
        new Views.ApiManagerView(
            Memory.PollSeconds,
            Memory.Plan is { } plan
                ? $"{plan.State}: forecast {plan.ForecastMonth:0} of {plan.MonthlyCredits} (used {plan.Used}, reserve {plan.Reserve})"
                : null,
            Memory.Summary
        );

    public Task<double> RecommendedPollSecondsAsync() => Task.FromResult(Memory.PollSeconds);

    public Task<QuotaPlanView?> QuotaPlanAsync() => Task.FromResult(Memory.Plan);

    /// <summary>
    /// The monthly credit plan (<see cref="QuotaPlan"/>): the pace from the upcoming kick-offs the live
    /// store tracks, the month's credits from the quota headers (else configured), stretched so they
    /// last the month, stopped before the reserve; converted to wall time on the market's clock and
    /// never faster than <c>Betting:LiveOdds:PollSeconds</c>. Infinity: stop polling until the reset.
    /// </summary>
    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        var live = liveOdds.Value;
        var api = oddsApi.Value;
        var states = await UseToolAsync(
            ToolNames.ApisBuckets,
            () => Task.WhenAll(ApiNames.All.Select(a => grains.GetGrain<ITokenBucketGrain>(a).GetStateAsync()))
        );
        var odds = states.Single(s => s.Api == ApiNames.Odds);
        Memory.Summary = string.Join(
            "; ",
            states.Select(s =>
                $"{s.Api} {s.AvailableTokens} tokens, quota {s.QuotaRemaining?.ToString(CultureInfo.InvariantCulture) ?? "?"}{(s.Paused ? ", paused" : "")}"
            )
        );
        var statuses = await Task.WhenAll(
            live.SportKeys.Select(sport =>
                UseToolAsync(ToolNames.LiveStatus, () => grains.GetGrain<Market.ILiveMarketGrain>(sport).GetStatusAsync())
            )
        );
        var now = MarketUtcNow;
        // The bucket's reset day: the month its learned quota lapses in is the month planned here.
        var (monthStart, monthEnd) = QuotaPlan.Month(now, buckets.Get(ApiNames.Odds).QuotaResetDay);
        var monthly = odds is { QuotaRemaining: { } left, QuotaUsed: { } spent } && left + spent > 0 ? left + spent : api.MonthlyCredits;
        var used = odds.QuotaUsed ?? 0;
        var decision = QuotaPlan.Decide(
            new QuotaPlanInputs(
                monthly,
                used,
                api.ReserveShare,
                now,
                monthStart,
                monthEnd,
                Math.Max(1, live.CostPerPoll),
                statuses.SelectMany(s => s.UpcomingKickoffs ?? []).ToList(),
                live.Tiers
            )
        );
        Memory.Plan = new QuotaPlanView(
            monthly,
            used,
            odds.QuotaRemaining,
            decision.Reserve,
            decision.ForecastMonth,
            decision.Interval?.TotalMinutes,
            decision.Stretch,
            decision.State,
            monthEnd,
            decision.Reasons,
            now
        );
        Monitoring.BettingMetrics.Set("quota_forecast_month", ApiNames.Odds, decision.ForecastMonth);
        Monitoring.BettingMetrics.Set("quota_monthly_credits", ApiNames.Odds, monthly);
        Monitoring.BettingMetrics.Set("quota_reserve", ApiNames.Odds, decision.Reserve);
        var poll = decision.Interval is { } interval
            ? Math.Max(Math.Max(1, live.PollSeconds), Math.Round(MarketClock.WallTime(interval).TotalSeconds, 3))
            : double.PositiveInfinity;
        if (!poll.Equals(Memory.PollSeconds))
        {
            Decide(
                0,
                DecisionKind.PollPace,
                double.IsPositiveInfinity(poll) ? "stop polling" : $"{poll.ToString("0.###", CultureInfo.InvariantCulture)} s",
                ["base pace", "stretched", "stop"],
                new Dictionary<string, string>
                {
                    ["monthlyCredits"] = monthly.ToString(CultureInfo.InvariantCulture),
                    ["used"] = used.ToString(CultureInfo.InvariantCulture),
                    ["quotaRemaining"] = odds.QuotaRemaining?.ToString(CultureInfo.InvariantCulture) ?? "?",
                    ["forecastMonth"] = decision.ForecastMonth.ToString("0", CultureInfo.InvariantCulture),
                    ["state"] = decision.State,
                },
                decision.Reasons
            );
            Memory.PollSeconds = poll;
        }
    }
}

[GenerateSerializer]
[Alias("betting.ApiManagerMemory")]
public sealed class ApiManagerMemory
{
    [Id(0)]
    public double PollSeconds { get; set; } = 60;

    [Id(1)]
    public string? Summary { get; set; }

    [Id(2)]
    public QuotaPlanView? Plan { get; set; }
}
