using System.Diagnostics;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Health;
using Orleans.Betting.Silo.Simulation;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Health;

/// <summary>
/// A fixed fault is confirmed by the probes, not only by live traffic: the health monitor at its
/// default cadence (a sample every 5 s, three clean samples to resolve), the circuit breaker and the
/// pause at their defaults, a 500 storm met by traffic, then no traffic at all once it ends (the live
/// poll runs once a minute): the incident resolves within 30 s of the fault's end.
/// </summary>
[Collection(MachineWideCollection.Name)]
[Trait(Tier.Name, Tier.System)]
public sealed class ProbeConfirmedRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AnApiIncidentResolvesWithin30SecondsOfTheFaultEndingWithoutTraffic()
    {
        await using var hook = await WebhookReceiver.StartAsync();
        await using var env = await SimulatedApiCluster.StartAsync(
            "probe-recovery",
            new SimulatorOptions { Seed = 21 },
            silos: 1,
            configuration: new Dictionary<string, string?>
            {
                ["Betting:Notifications:WebhookUrl"] = hook.BaseUrl + "hooks/ops",
                ["Betting:Apis:odds:Resilience:CircuitBreaker:SamplingDuration"] = "00:00:30",
                ["Betting:Apis:odds:Resilience:CircuitBreaker:BreakDuration"] = "00:00:15",
            }
        );
        var grains = env.Grains;
        var pool = grains.GetGrain<IApiWorkerGrain>(0);
        var monitor = grains.GetGrain<IHealthMonitorGrain>(IHealthMonitorGrain.Key);
        await monitor.StartAsync();
        await pool.GetOddsAsync(new OddsQuery("soccer_epl", "uk", "h2h"), RequestPriority.Normal);
        await Eventually.WaitAsync(async () => (await monitor.GetMetricsAsync(1)).Samples >= 2, TimeSpan.FromSeconds(20));

        // A 45 s storm, met by a caller once a second (the breaker soon holds most calls back).
        var storm = TimeSpan.FromSeconds(45);
        env.Simulator.InjectFault(SimulatorFaultKind.Http500, storm);
        var faultEnds = DateTime.UtcNow + storm;
        var calls = 0;
        while (DateTime.UtcNow < faultEnds)
        {
            try
            {
                await pool.GetOddsAsync(new OddsQuery("soccer_epl", "uk", "h2h"), RequestPriority.Normal)
                    .WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch (Exception e) when (e is ExternalApiException or TimeoutException)
            {
                // expected while it lasts
            }

            calls++;
            await Task.Delay(1000);
        }

        async Task<string> DescribeAsync()
        {
            var metrics = await monitor.GetMetricsAsync(20);
            var usage = await grains.GetGrain<IApiUsageGrain>(ApiNames.Odds).GetUsageAsync();
            return $"incidents: {string.Join(" | ", (await monitor.GetIncidentsAsync()).Select(i => $"{i.Subject} {i.Kind} {i.LastEvidence}"))}; "
                + $"usage: {usage.UpstreamAttempts} attempts, {usage.UpstreamErrors} errors; series: "
                + string.Join(
                    "; ",
                    metrics
                        .Series.Where(x => x.Key.StartsWith("api:odds", StringComparison.Ordinal))
                        .Select(x =>
                            $"{x.Key}=[{string.Join(",", x.Value.Select(p => p.Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)))}]"
                        )
                );
        }

        output.WriteLine(await DescribeAsync());
        var incidents = await monitor.GetIncidentsAsync();
        var incident = Assert.Single(incidents, i => i.Subject == "api:odds");
        Assert.Contains(incident.Kind, new[] { "ErrorBurst", "Unreachable", "ConnectionFailures" });
        Assert.Null(incident.ResolvedUtc);

        // No traffic from here on: only the monitor's probes can see the API answer again.
        var requestsAtEnd = env.Simulator.Stats().Requests;
        var waited = Stopwatch.StartNew();
        await Eventually.WaitAsync(
            async () => (await monitor.GetIncidentsAsync()).Single(i => i.Id == incident.Id).ResolvedUtc is not null,
            TimeSpan.FromSeconds(60),
            async () =>
                string.Join(
                    " | ",
                    (await monitor.GetIncidentsAsync()).Select(i =>
                        $"{i.Subject} {i.Kind} {i.LastEvidence} resolved {i.ResolvedUtc:HH:mm:ss}"
                    )
                )
        );
        var resolved = (await monitor.GetIncidentsAsync()).Single(i => i.Id == incident.Id);
        var after = resolved.ResolvedUtc!.Value - faultEnds;
        output.WriteLine(await DescribeAsync());
        output.WriteLine(
            $"{calls} calls in the storm; incident {resolved.Id} ({resolved.Kind}) detected {(resolved.DetectedUtc - (faultEnds - storm)).TotalSeconds:F1} s into it, "
                + $"resolved {after.TotalSeconds:F1} s after it ended; actions: {string.Join(", ", resolved.Actions.Select(a => $"{a.Action} {a.Result} at {(a.AtUtc - faultEnds).TotalSeconds:+0.0;-0.0} s ({a.Detail})"))}; last seen {(resolved.LastSeenUtc - faultEnds).TotalSeconds:+0.0;-0.0} s"
        );
        Assert.True(after <= TimeSpan.FromSeconds(30), $"resolved {after.TotalSeconds:F1} s after the fault ended");
        Assert.False(resolved.Escalated);
        Assert.True(env.Simulator.Stats().Requests > requestsAtEnd, "the probes reached the API");
    }
}
