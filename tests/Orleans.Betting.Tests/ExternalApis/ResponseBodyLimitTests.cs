using System.Diagnostics;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Silo.Simulation;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.ExternalApis;

/// <summary>
/// Upstream bodies through the real path (loopback HTTP, the worker pool, the request grain, the
/// resilience pipeline): a 100 MB answer stops at the API's byte cap without a retry, a body that
/// trickles a byte at a time fails at its deadline, and neither pins the request's in-flight call:
/// once the fault is gone the same request is served.
/// </summary>
public sealed class ResponseBodyLimitTests(ITestOutputHelper output)
{
    private const long Cap = 4L * 1024 * 1024;

    private static Task<SimulatedApiCluster> StartAsync(string name) =>
        SimulatedApiCluster.StartAsync(
            name,
            new SimulatorOptions { Seed = 11 },
            silos: 1,
            configuration: new Dictionary<string, string?>
            {
                ["Betting:Apis:Odds:MaxResponseBytes"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Betting:Apis:Odds:BodyTimeoutSeconds"] = "1.5",
                // Attempts may last longer than the body's deadline, so the deadline is what ends a trickle.
                ["Betting:Apis:odds:Resilience:AttemptTimeout:Timeout"] = "00:00:10",
                ["Betting:Apis:odds:Resilience:CircuitBreaker:SamplingDuration"] = "00:00:20",
                ["Betting:Apis:odds:Resilience:TotalRequestTimeout:Timeout"] = "00:00:30",
            }
        );

    private static Task<OddsFetchResult> CallAsync(SimulatedApiCluster env, OddsQuery query) =>
        env.Grains.GetGrain<IApiWorkerGrain>(0).GetOddsAsync(query, RequestPriority.High);

    [Fact]
    public async Task AHugeBodyStopsAtTheCapUnretriedAndTheRequestIsServedOnceItIsGone()
    {
        await using var env = await StartAsync("body-huge");
        var sim = env.Simulator;
        var query = new OddsQuery("soccer_epl", "uk", "h2h");
        sim.InjectFault(SimulatorFaultKind.HugeBody, TimeSpan.FromMinutes(5));
        var before = sim.Stats().Requests;
        var clock = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<ExternalApiException>(() => CallAsync(env, query));
        var took = clock.Elapsed;
        var stats = sim.Stats();
        Assert.Equal(ApiFailure.TooLarge, failure.Failure);
        Assert.Contains("odds|soccer_epl|uk|h2h", failure.Message);
        Assert.Contains("MaxResponseBytes", failure.Message);
        Assert.Equal(1, stats.Requests - before); // not transient: never retried
        output.WriteLine(
            $"huge body: failed after {took.TotalMilliseconds:F0} ms; {stats.FaultBodyBytes:N0} of {100L * 1024 * 1024:N0} padding bytes sent by then (cap {Cap:N0})"
        );
        // The whole body takes the simulator seconds to send; by the failure no more was sent than the cap plus
        // what the loopback socket buffers held (and the connection is closed, not drained).
        Assert.InRange(stats.FaultBodyBytes, Cap, Cap + 16L * 1024 * 1024);

        sim.ClearFaults();
        var served = await CallAsync(env, query);
        Assert.NotEmpty(served.Events);
        Assert.False(served.FromCache);
    }

    [Fact]
    public async Task ATricklingBodyFailsAtItsDeadlineAndDoesNotPinTheInFlightCall()
    {
        await using var env = await StartAsync("body-trickle");
        var sim = env.Simulator;
        var query = new OddsQuery("soccer_epl", "uk", "h2h,totals");
        sim.InjectFault(SimulatorFaultKind.TricklingBody, TimeSpan.FromMinutes(5));
        var before = sim.Stats().Requests;
        var clock = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<ExternalApiException>(() => CallAsync(env, query));
        var took = clock.Elapsed;
        Assert.Equal(ApiFailure.Timeout, failure.Failure);
        Assert.Contains("did not arrive within 1.5 s", failure.Message);
        Assert.Equal(3, sim.Stats().Requests - before); // transient: the first attempt and both retries, each cut at 1.5 s
        output.WriteLine($"trickling body: failed after {took.TotalSeconds:F1} s, {sim.Stats().FaultBodyBytes} bytes taken in 3 attempts");
        Assert.True(took < TimeSpan.FromSeconds(20), $"failed after {took.TotalSeconds:F1} s");
        Assert.InRange(sim.Stats().FaultBodyBytes, 3, 30); // a byte every half second

        // The fault still on, a second caller is not stuck behind the first: it fails on its own deadline.
        await Assert.ThrowsAsync<ExternalApiException>(() => CallAsync(env, query));
        sim.ClearFaults();
        var served = await CallAsync(env, query);
        Assert.NotEmpty(served.Events);
    }
}
