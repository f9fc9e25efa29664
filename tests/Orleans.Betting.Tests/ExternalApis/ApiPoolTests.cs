using Orleans.Betting.ExternalApis;
using Orleans.Betting.Silo.Simulation;

namespace Orleans.Betting.Tests.ExternalApis;

/// <summary>The worker pool and the cluster-wide bucket against the simulator, in a two-silo cluster.</summary>
public sealed class ApiPoolTests
{
    private static readonly string[] Sports =
    [
        "soccer_epl",
        "soccer_germany_bundesliga",
        "soccer_spain_la_liga",
        "soccer_italy_serie_a",
        "soccer_france_ligue_one",
    ];
    private static readonly string[] Regions = ["uk", "eu", "us", "au"];

    [Fact]
    public async Task BothSilosCallingNeverExceedTheLimitAndCriticalGoesFirst()
    {
        // The upstream allows 8/s with a burst of 3; the bucket governs at the same rate.
        await using var env = await SimulatedApiCluster.StartAsync(
            "pool-limit",
            new SimulatorOptions { RequestsPerSecond = 8, Burst = 3 },
            configuration: new Dictionary<string, string?>
            {
                ["Betting:Apis:odds:TokensPerSecond"] = "8",
                ["Betting:Apis:odds:Burst"] = "1",
            }
        );

        // 40 requests with 20 distinct keys (no cache), Criticals last in line.
        var queries = Sports.SelectMany(s => Regions.Select(r => new OddsQuery(s, r, "h2h"))).ToArray();
        var background = Enumerable.Range(0, 32).Select(i => Timed(env, queries[i % queries.Length], RequestPriority.Background)).ToList();
        await Task.Delay(200);
        var critical = Enumerable
            .Range(0, 8)
            .Select(i => Timed(env, queries[(i * 3 + 1) % queries.Length] with { Markets = "totals" }, RequestPriority.Critical))
            .ToList();
        var all = await Task.WhenAll(background.Concat(critical));

        var stats = env.Simulator.Stats();
        Assert.Equal(0, stats.RateLimited);
        // Usage records are one-way: give the last ones a moment to arrive.
        var usageGrain = env.Grains.GetGrain<IApiUsageGrain>(ApiNames.Odds);
        for (
            var i = 0;
            i < 50
                && (
                    (await usageGrain.GetUsageAsync()).Requests < 40 || (await usageGrain.GetUsageAsync()).UpstreamSuccesses < stats.Served
                );
            i++
        )
        {
            await Task.Delay(100);
        }

        var usage = await usageGrain.GetUsageAsync();
        Assert.Equal(2, usage.AttemptsBySilo.Count); // both silos made upstream calls
        Assert.Equal(stats.Served, usage.UpstreamSuccesses);
        Assert.Equal(40, usage.Requests);

        // Criticals, queued behind ~30 Backgrounds, are all answered before most Backgrounds.
        var criticalDone = (await Task.WhenAll(critical)).Max(r => r.DoneMs);
        var backgroundDone = (await Task.WhenAll(background)).Select(r => r.DoneMs).Order().ToArray();
        Assert.True(
            criticalDone < backgroundDone[backgroundDone.Length / 2],
            $"last Critical answered at {criticalDone:F0} ms, median Background at {backgroundDone[backgroundDone.Length / 2]:F0} ms"
        );
        Assert.All(all, r => Assert.NotEmpty(r.Result.Events));
    }

    [Fact]
    public async Task ACriticalCallerJoiningAQueuedBackgroundRequestLiftsItToCritical()
    {
        await using var env = await SimulatedApiCluster.StartAsync(
            "pool-escalate",
            new SimulatorOptions { RequestsPerSecond = 50, Burst = 50 },
            silos: 1,
            configuration: new Dictionary<string, string?>
            {
                ["Betting:Apis:odds:TokensPerSecond"] = "4",
                ["Betting:Apis:odds:Burst"] = "1",
            }
        );

        // Eight Background requests queue first (two seconds of tokens), then one more for key K,
        // then a Critical caller asks for K too.
        var others = Sports
            .SelectMany(s => new[] { "uk", "eu" }.Select(r => new OddsQuery(s, r, "h2h")))
            .Take(8)
            .Select(q => Timed(env, q, RequestPriority.Background))
            .ToList();
        await Task.Delay(150);
        var k = new OddsQuery("soccer_epl", "us", "totals");
        var backgroundK = Timed(env, k, RequestPriority.Background);
        await Task.Delay(150);
        var criticalK = Timed(env, k, RequestPriority.Critical);

        var (critical, background) = (await criticalK, await backgroundK);
        var othersDone = (await Task.WhenAll(others)).Select(r => r.DoneMs).Order().ToArray();
        Assert.Equal(critical.Result.FetchedUtc, background.Result.FetchedUtc); // one upstream call answered both
        Assert.True(
            critical.DoneMs < othersDone[3],
            $"K answered at {critical.DoneMs:F0} ms; Backgrounds queued before it at {string.Join(", ", othersDone.Select(d => d.ToString("F0")))} ms"
        );
        Assert.Equal(9, env.Simulator.Stats().Served);
    }

    [Fact]
    public async Task FaultsAreSurvivedEveryCallerAnsweredAndTheApiRecovers()
    {
        await using var env = await SimulatedApiCluster.StartAsync(
            "pool-faults",
            new SimulatorOptions { RequestsPerSecond = 50, Burst = 50 },
            configuration: new Dictionary<string, string?>
            {
                ["Betting:Apis:odds:TokensPerSecond"] = "40",
                ["Betting:Apis:odds:Burst"] = "10",
            }
        );
        var sim = env.Simulator;
        var probe = new OddsQuery("soccer_epl", "eu", "h2h");
        var usageGrain = env.Grains.GetGrain<IApiUsageGrain>(ApiNames.Odds);
        await env.RecoveredAsync(probe, TimeSpan.FromSeconds(10));

        // One connection reset: the pipeline retries and the caller gets its value. (Counted, not timed: a
        // jittered retry schedule can fall entirely inside any short window.)
        sim.InjectFaultForRequests(SimulatorFaultKind.Reset, requests: 1);
        Assert.NotEmpty((await Call(env, probe)).Events);
        Assert.True((await usageGrain.GetUsageAsync()).UpstreamErrors >= 1);

        // 429 storm with Retry-After: 1 — the retry waits as told and then succeeds.
        sim.InjectFault(SimulatorFaultKind.RateLimit, TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.NotEmpty((await Call(env, probe with { Regions = "uk" })).Events);
        Assert.True(
            clock.Elapsed >= TimeSpan.FromSeconds(0.9),
            $"answered after {clock.Elapsed.TotalMilliseconds:F0} ms, before Retry-After"
        );
        Assert.True((await usageGrain.GetUsageAsync()).RateLimited >= 1);

        // Latency beyond the attempt timeout: the attempt times out, the retry answers.
        sim.InjectFault(SimulatorFaultKind.Latency, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(3));
        Assert.NotEmpty((await Call(env, probe with { Regions = "us" })).Events);
        Assert.True((await usageGrain.GetUsageAsync()).Timeouts >= 1);

        // A truncated body: a clear error naming the request, nothing cached, the next call is fine.
        sim.InjectFault(SimulatorFaultKind.Malformed, TimeSpan.FromMilliseconds(500));
        var malformed = await Assert.ThrowsAsync<ExternalApiException>(() => Call(env, probe with { Regions = "au" }));
        Assert.Equal(ApiFailure.MalformedResponse, malformed.Failure);
        Assert.Contains("odds|soccer_epl|au|h2h", malformed.Message);
        await Task.Delay(600);
        Assert.NotEmpty((await Call(env, probe with { Regions = "au" })).Events);

        // A 500 storm: retries fail, the circuit opens, the bucket pauses, callers get clear errors;
        // after the storm and the break the API serves again and the circuit closes.
        var opened = (await usageGrain.GetUsageAsync()).CircuitOpenings;
        var stormEnds = DateTime.UtcNow.AddSeconds(3);
        sim.InjectFault(SimulatorFaultKind.Http500, TimeSpan.FromSeconds(3));
        var storm = await Task.WhenAll(Sports.Select(s => Outcome(env, new OddsQuery(s, "uk", "h2h,totals"))));
        // Each caller gets a clear error: the 500s after retries, the open circuit, or a retry that
        // timed out waiting for a token while the bucket was paused; a caller whose retries outlasted
        // the storm (slow machine) may be served, but never by an answer fetched during it.
        Assert.All(
            storm,
            o =>
                Assert.True(
                    o is ExternalApiException { Failure: ApiFailure.HttpError or ApiFailure.CircuitOpen or ApiFailure.Timeout }
                        || (o is OddsFetchResult served && served.FetchedUtc >= stormEnds),
                    $"unexpected answer {o} (the storm ended {stormEnds:HH:mm:ss.fff})"
                )
        );
        Assert.Contains(storm, o => o is ExternalApiException);
        var usage = await usageGrain.GetUsageAsync();
        Assert.True(usage.CircuitOpenings > opened, "the circuit opened");
        var bucket = await env.Grains.GetGrain<ITokenBucketGrain>(ApiNames.Odds).GetStateAsync();
        Assert.True(bucket.Pauses >= 1, "the opened circuit paused the bucket");

        var recovered = await env.RecoveredAsync(probe with { Markets = "totals" }, TimeSpan.FromSeconds(20));
        Assert.NotEmpty(recovered.Events);

        // Each silo has its own breaker: traffic on both (keys spread by placement) closes them all.
        var until = DateTime.UtcNow.AddSeconds(20);
        for (var i = 0; !(await usageGrain.GetUsageAsync()).AllCircuitsClosed; i++)
        {
            Assert.True(DateTime.UtcNow < until, $"circuits still {(await usageGrain.GetUsageAsync()).CircuitSummary}");
            await Call(env, new OddsQuery(Sports[i % Sports.Length], Regions[i / Sports.Length % Regions.Length], "h2h"));
            await Task.Delay(100);
        }

        Assert.Equal(0, sim.Stats().RateLimited); // every 429 was injected, none earned
    }

    private static Task<OddsFetchResult> Call(SimulatedApiCluster env, OddsQuery query) =>
        env.Grains.GetGrain<IApiWorkerGrain>(0).GetOddsAsync(query, RequestPriority.Normal);

    private static async Task<object> Outcome(SimulatedApiCluster env, OddsQuery query)
    {
        try
        {
            return await Call(env, query);
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static async Task<(OddsFetchResult Result, double DoneMs)> Timed(
        SimulatedApiCluster env,
        OddsQuery query,
        RequestPriority priority
    )
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await env.Grains.GetGrain<IApiWorkerGrain>(0).GetOddsAsync(query, priority);
        return (result, System.Diagnostics.Stopwatch.GetElapsedTime(Start).TotalMilliseconds);
    }

    private static readonly long Start = System.Diagnostics.Stopwatch.GetTimestamp();
}
