using Orleans.Betting.Agents;
using Orleans.Betting.Clock;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Silo.Simulation;

namespace Orleans.Betting.Tests.ExternalApis;

/// <summary>
/// A quota the API reported spent is not spent forever: Critical calls (probes of the free
/// endpoints among them) still pass, an operator can forget it, and it lapses by itself at the
/// month's reset on the market's clock, so the quota plan resumes polling without waiting for a call.
/// </summary>
[Trait(Tier.Name, Tier.System)]
public sealed class QuotaLifetimeTests
{
    [Fact]
    public async Task ASpentQuotaPassesCriticalCallsCanBeResetAndLapsesAtTheMonthsResetWithoutACall()
    {
        // Market time runs an hour a second and reaches the reset (1 March) 40 s after the anchor.
        var reset = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var market = new MarketTime(TimeProvider.System, reset.AddHours(-40), DateTime.UtcNow, 3600);
        var configuration = market.Settings().ToDictionary(p => p.Key, p => (string?)p.Value);
        configuration["Betting:Apis:Odds:MonthlyCredits"] = "20000";
        configuration["Betting:Agents:TickSeconds"] = "0.5";
        await using var env = await SimulatedApiCluster.StartAsync(
            "quota-lifetime",
            new SimulatorOptions { Seed = 9 },
            silos: 1,
            configuration: configuration
        );
        var bucket = env.Grains.GetGrain<ITokenBucketGrain>(ApiNames.Odds);
        var manager = env.Grains.GetGrain<IApiManagerAgent>(AgentNames.ApiManager);
        await env.Grains.Agent(AgentNames.ApiManager).StartAsync("test");

        // The headers say the month's 20,000 credits are spent.
        await bucket.ReportQuotaAsync(remaining: 0, used: 20_000);
        var refused = await bucket.AcquireAsync(RequestPriority.High);
        Assert.False(refused.Granted);
        Assert.Contains("monthly quota spent", refused.Refusal);
        Assert.True((await bucket.AcquireAsync(RequestPriority.Critical)).Granted);
        await Eventually.WaitAsync(
            async () => (await manager.QuotaPlanAsync())?.State.StartsWith("stopped") == true,
            TimeSpan.FromSeconds(10)
        );
        Assert.True(market.UtcNow < reset, "the test reached the month's reset before it could check the spent quota");

        // A probe of the free /sports endpoint is Critical: it passes the spent quota, and its headers renew it.
        var probe = await env.Grains.GetGrain<IApiWorkerGrain>(0).ProbeAsync(ApiNames.Odds);
        Assert.True(probe.Healthy, probe.Detail);
        Assert.True((await bucket.GetStateAsync()).QuotaRemaining > 0);
        Assert.True((await bucket.AcquireAsync(RequestPriority.High)).Granted);

        // An operator forgets a spent quota (credits bought): calls flow until the next headers.
        await bucket.ReportQuotaAsync(remaining: 0, used: 20_000);
        Assert.False((await bucket.AcquireAsync(RequestPriority.Normal)).Granted);
        await bucket.ResetQuotaAsync("bought credits");
        Assert.Null((await bucket.GetStateAsync()).QuotaRemaining);
        Assert.True((await bucket.AcquireAsync(RequestPriority.Normal)).Granted);

        // Spent again; nothing calls the API; the month resets on the market's clock and the plan polls again.
        await bucket.ReportQuotaAsync(remaining: 0, used: 20_000);
        Assert.False((await bucket.AcquireAsync(RequestPriority.Normal)).Granted);
        await Eventually.WaitAsync(
            async () => (await manager.QuotaPlanAsync())?.State.StartsWith("stopped") == true,
            TimeSpan.FromSeconds(10)
        );
        await Eventually.WaitAsync(() => Task.FromResult(market.UtcNow >= reset), TimeSpan.FromSeconds(60));
        Assert.True((await bucket.AcquireAsync(RequestPriority.Normal)).Granted);
        Assert.Null((await bucket.GetStateAsync()).QuotaRemaining);
        await Eventually.WaitAsync(async () => (await manager.QuotaPlanAsync())?.State == "on plan", TimeSpan.FromSeconds(10));
        var plan = (await manager.QuotaPlanAsync())!;
        Assert.Equal((20_000L, 0L), (plan.MonthlyCredits, plan.Used));
        Assert.True(double.IsFinite(await manager.RecommendedPollSecondsAsync()));
    }
}
