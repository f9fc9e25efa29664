using System.Collections.Concurrent;
using System.Diagnostics;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Silo.Simulation;

namespace Orleans.Betting.Benchmarks;

/// <summary>
/// The API pool under contention: an embedded silo whose odds client calls the simulator, which
/// enforces R requests/s (429 on excess). 32 callers with mixed priorities — Criticals and Highs
/// at a steady pace, Normals faster, Backgrounds as fast as they are served — each with its own
/// request key (no cache), for T seconds; then 50 identical concurrent requests for de-duplication.
/// </summary>
public static class RateLimitBenchmark
{
    private static readonly string[] Sports = SimulatedOddsMarket.Sports.Select(s => s.Key).ToArray();
    private static readonly string[] RegionSets = ["uk", "eu", "us", "au", "uk,eu", "us,au", "uk,us"];

    public static async Task<object> RunAsync(double rate, int seconds, int callers)
    {
        const int upstreamBurst = 3;
        await using var simulator = await OddsApiSimulator.StartAsync(
            new SimulatorOptions
            {
                RequestsPerSecond = rate,
                Burst = upstreamBurst,
                MonthlyQuota = long.MaxValue / 2,
                ApiKey = "bench-key",
            }
        );
        var (host, grains, dir) = await SwarmBenchmarks.StartSiloAsync(
            24000,
            new Dictionary<string, string?>
            {
                [OddsApiOptions.BaseUrlKey] = simulator.BaseUrl,
                [OddsApiOptions.ApiKeyKey] = "bench-key",
                ["Betting:Apis:Odds:CacheSeconds"] = "0",
                ["Betting:Apis:odds:TokensPerSecond"] = rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Betting:Apis:odds:Burst"] = "1",
            }
        );
        try
        {
            var pool = grains.GetGrain<IApiWorkerGrain>(0);
            var keys = Sports.SelectMany(s => RegionSets.Select(r => new OddsQuery(s, r, "h2h"))).ToArray();
            await pool.GetOddsAsync(keys[^1] with { Markets = "totals" }, RequestPriority.Critical); // warm the path

            // Measured over T seconds after a 2 s warm-up (activations, first calls); callers run through both.
            var waits = Enum.GetValues<RequestPriority>().ToDictionary(p => p, _ => new ConcurrentBag<double>());
            var failures = 0;
            var warmUp = TimeSpan.FromSeconds(2);
            var clock = Stopwatch.StartNew();
            var window = warmUp + TimeSpan.FromSeconds(seconds);
            SimulatorStats? before = null,
                atEnd = null;
            var measuring = Task.Run(async () =>
            {
                await Task.Delay(warmUp);
                before = simulator.Stats();
                await Task.Delay(window - clock.Elapsed);
                atEnd = simulator.Stats();
            });

            async Task Caller(int index, RequestPriority priority, TimeSpan? pace)
            {
                var query = keys[index % keys.Length];
                if (pace is { } offset)
                {
                    // Paced callers spread over their period (fixed offsets), not all on the same instant.
                    await Task.Delay(TimeSpan.FromMilliseconds(offset.TotalMilliseconds * (index * 7 % 16) / 16));
                }

                while (clock.Elapsed < window)
                {
                    var started = clock.Elapsed;
                    try
                    {
                        var result = await pool.GetOddsAsync(query, priority);
                        if (started >= warmUp)
                        {
                            waits[priority].Add(result.TokenWaitMs);
                        }
                    }
                    catch (ExternalApiException)
                    {
                        Interlocked.Increment(ref failures);
                    }

                    if (pace is { } p && p - (clock.Elapsed - started) is { } rest && rest > TimeSpan.Zero)
                    {
                        await Task.Delay(rest);
                    }
                }
            }

            // Of 32: 2 Critical, 6 High and 8 Normal callers at one request a second each (16/s), the rest
            // Background, unpaced: they soak up whatever the paced classes leave of the limit.
            var plan = Enumerable
                .Range(0, callers)
                .Select(i =>
                    i switch
                    {
                        < 2 => (RequestPriority.Critical, (TimeSpan?)TimeSpan.FromSeconds(1)),
                        < 8 => (RequestPriority.High, TimeSpan.FromSeconds(1)),
                        < 16 => (RequestPriority.Normal, TimeSpan.FromSeconds(1)),
                        _ => (RequestPriority.Background, (TimeSpan?)null),
                    }
                )
                .ToArray();
            await Task.WhenAll(plan.Select((p, i) => Caller(i, p.Item1, p.Item2)));
            await measuring;
            var after = simulator.Stats();

            // De-duplication: 50 identical requests at once.
            var servedBeforeDedup = simulator.Stats().Served;
            var dedupQuery = new OddsQuery("soccer_epl", "uk,eu,us", "h2h,totals");
            await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => pool.GetOddsAsync(dedupQuery, RequestPriority.High)));
            var dedupUpstream = simulator.Stats().Served - servedBeforeDedup;

            var allowed = rate * seconds;
            var served = atEnd!.Served - before!.Served;
            var tokenIntervalMs = 1000 / rate;
            return new
            {
                benchmark = "rate-limit",
                limitPerSecond = rate,
                upstreamBurst,
                seconds,
                callers,
                allowedCalls = allowed,
                upstreamCalls = served,
                utilisation = Math.Round(served / allowed, 4),
                violations = after.RateLimited - before!.RateLimited,
                failures,
                tokenIntervalMs,
                requests = waits.ToDictionary(w => w.Key.ToString(), w => w.Value.Count),
                p50WaitMs = waits.ToDictionary(w => w.Key.ToString(), w => Percentile(w.Value, 0.50)),
                p99WaitMs = waits.ToDictionary(w => w.Key.ToString(), w => Percentile(w.Value, 0.99)),
                criticalP99InTokenIntervals = Math.Round(Percentile(waits[RequestPriority.Critical], 0.99) / tokenIntervalMs, 2),
                dedupRequests = 50,
                dedupUpstreamCalls = dedupUpstream,
                dedupRatio = dedupUpstream == 0 ? 0 : Math.Round(50.0 / dedupUpstream, 1),
            };
        }
        finally
        {
            await SwarmBenchmarks.StopAsync(host, dir);
        }
    }

    private static double Percentile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)], 1);
    }
}
