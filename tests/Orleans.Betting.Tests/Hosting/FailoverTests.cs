using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Hosting;

/// <summary>
/// Three Cluster-profile silo processes on PostgreSQL: one SIGKILLed in the middle of a swarm run
/// while a client keeps calling, and a rolling restart (SIGTERM one silo at a time, waiting for
/// readiness) under the same calls.
/// </summary>
[Collection(MachineWideCollection.Name)]
[Trait(Tier.Name, Tier.System)]
public sealed class FailoverTests(ITestOutputHelper output)
{
    /// <summary>Failure detection tuned for the test: a silo that stops answering probes is declared dead within seconds.</summary>
    private static Dictionary<string, string> Environment(string connectionString) =>
        SiloProcess.ClusterEnvironment(
            connectionString,
            new Dictionary<string, string>(SiloProcess.FastFailureDetection) { ["Betting__Health__Enabled"] = "false" }
        );

    [PostgresFact]
    public async Task KillingASiloMidRunLosesNothingAndTheClientCarriesOnThroughAnotherGateway()
    {
        var env = Environment(await TestPostgres.CreateDatabaseAsync("failover"));
        // The agents' loop runs too: a small synthetic market replayed in two-week cycles, about one a second.
        foreach (
            var (key, value) in new Dictionary<string, string>
            {
                ["Betting__Agents__Enabled"] = "true",
                ["Betting__Market__Seasons"] = "2015-2016..2019-2020",
                ["Betting__Agents__LearningSeasons"] = "4",
                ["Betting__Agents__WindowDays"] = "14",
                ["Betting__Agents__MaxCandidates"] = "20",
                ["Betting__Agents__MaxDeployed"] = "2",
                ["Betting__Agents__SearchShare"] = "1000",
                ["Betting__Clock__Speed"] = (86400 * 14).ToString(System.Globalization.CultureInfo.InvariantCulture),
            }
        )
        {
            env[key] = value;
        }

        using var dirs = new TempDirectory("failover");
        var silos = Enumerable
            .Range(0, 3)
            .Select(i => SiloProcess.Start(Path.Combine(dirs.Path, $"s{i}"), env, ["--profile", "Cluster"]))
            .ToList();
        try
        {
            await Task.WhenAll(silos.Select(s => s.WaitReadyAsync(TimeSpan.FromSeconds(120))));
            await WaitActiveAsync(silos[0], 3);
            var all = string.Join(',', silos.Select(s => s.Gateway));

            // A market, then a swarm run followed by a client process through all three gateways.
            var generate = await ClientProcess.RunAsync(
                [
                    "data",
                    "generate",
                    "--seed",
                    "7",
                    "--leagues",
                    "1",
                    "--seasons",
                    "2015-2016..2020-2021",
                    "--plant",
                    "stale-book",
                    "--gateway",
                    all,
                ],
                TimeSpan.FromMinutes(3)
            );
            Assert.True(generate.ExitCode == 0, generate.StandardError);
            var run = ClientProcess.RunAsync(
                [
                    "swarm",
                    "run",
                    "--league",
                    "S1",
                    "--train",
                    "2015-2016..2018-2019",
                    "--test",
                    "2019-2020..2020-2021",
                    "--candidates",
                    "150",
                    "--seed",
                    "7",
                    "--run-id",
                    "failover-run",
                    "--json",
                    "--gateway",
                    all,
                ],
                TimeSpan.FromMinutes(8)
            );

            // The victim is the silo running the swarm; the calling client has its gateway first.
            await using var probe = await ClusterCaller.StartAsync(all, call: false);
            var management = probe.Grains.GetGrain<IManagementGrain>(0);
            var runGrain = probe.Grains.GetGrain<Orleans.Betting.Swarms.ISwarmRunGrain>("failover-run");
            SiloAddress? host = null;
            await WaitAsync(async () => (host = await management.GetActivationAddress(runGrain)) is not null, TimeSpan.FromSeconds(60));
            var victim = silos.Single(s => s.SiloPort == host!.Endpoint.Port);
            var survivor = silos.First(s => s != victim);
            await using var caller = await ClusterCaller.StartAsync(
                string.Join(',', new[] { victim }.Concat(silos.Where(s => s != victim)).Select(s => s.Gateway))
            );
            await Task.Delay(TimeSpan.FromSeconds(1));
            var before = await runGrain.GetStatusAsync();
            Assert.NotEqual(Orleans.Betting.Swarms.SwarmPhase.Completed, before.Phase);
            var cycleBefore = await OrchestratorCycleAsync(survivor);
            var killed = DateTime.UtcNow;
            victim.Kill();

            // Declared dead by the others within the configured detection time.
            var declaredDead = await WaitAsync(
                async () => (await MembersAsync(survivor)).Any(m => m.Port == victim.SiloPort && m.Status == "Dead"),
                TimeSpan.FromSeconds(60)
            );
            var deadAfter = declaredDead - killed;

            // The run completes elsewhere with nothing lost: every candidate's trial, resumed from its persisted phase.
            var result = await run;
            Assert.True(result.ExitCode == 0, $"swarm run: {result.StandardError}\n{result.StandardOutput}");
            var report = JsonDocument.Parse(result.StandardOutput).RootElement;
            Assert.Equal("Completed", report.GetProperty("phase").GetString());
            Assert.True(report.GetProperty("trials").GetInt32() >= 150, $"trials {report.GetProperty("trials")}");
            Assert.True(report.GetProperty("resumes").GetInt32() >= 1, "the run moved to another silo and resumed");

            // The client's calls go on until it has carried on past the kill (a swarm that resumes quickly
            // elsewhere can finish before the client has given up on the dead gateway), at most a minute.
            await WaitAsync(() => Task.FromResult(caller.Calls().Count(c => c.At >= killed && c.Ok) > 10), TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(2));
            var calls = await caller.StopAsync();
            var after = calls.Where(c => c.At >= killed).ToList();
            var gap = Gap(calls, killed);
            output.WriteLine(
                $"SIGKILL of the silo running the swarm (phase {before.Phase}): declared dead after {deadAfter.TotalSeconds:F1} s; client calls after the kill: "
                    + $"{after.Count(c => c.Ok)} ok, {after.Count(c => !c.Ok)} failed, {after.Sum(c => c.Retries)} retried{string.Concat(after.Where(c => !c.Ok).Take(2).Select(c => $" ({c.Error})"))}, "
                    + $"longest gap without an answer {gap.TotalSeconds:F1} s; swarm run completed with {report.GetProperty("trials")} trials after {report.GetProperty("resumes")} resume(s)"
            );
            Assert.True(deadAfter < TimeSpan.FromSeconds(30), $"declared dead after {deadAfter}");

            // The agents' loop carries on past the kill, and its ledger holds each bet once.
            await WaitAsync(async () => await OrchestratorCycleAsync(survivor) > cycleBefore + 2, TimeSpan.FromMinutes(3));
            var ledger = await ClientProcess.RunAsync(["ledger", "--json", "--gateway", survivor.Gateway]);
            Assert.True(ledger.ExitCode == 0, ledger.StandardError);
            var bets = JsonDocument
                .Parse(ledger.StandardOutput)
                .RootElement.GetProperty("bets")
                .EnumerateArray()
                .Select(b => b.GetProperty("id").GetString())
                .ToList();
            Assert.Equal(bets.Count, bets.Distinct().Count());
            output.WriteLine(
                $"agents: cycle {cycleBefore} at the kill, {await OrchestratorCycleAsync(survivor)} later; {bets.Count} paper bets, none twice"
            );
            Assert.True(after.Count(c => c.Ok) > 10, "the client carried on");
            Assert.True(after.Last().Ok, "the last call succeeded");

            // The silo comes back on the same ports and rejoins.
            var index = silos.IndexOf(victim);
            await victim.DisposeAsync();
            silos[index] = SiloProcess.Start(
                victim.DataDir,
                env,
                ["--profile", "Cluster"],
                httpPort: victim.HttpPort,
                siloPort: victim.SiloPort,
                gatewayPort: victim.GatewayPort
            );
            await silos[index].WaitReadyAsync(TimeSpan.FromSeconds(120));
            await WaitActiveAsync(survivor, 3);
        }
        finally
        {
            await Task.WhenAll(silos.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    [PostgresFact]
    public async Task ARollingRestartFailsNoCall()
    {
        var env = Environment(await TestPostgres.CreateDatabaseAsync("rolling"));
        using var dirs = new TempDirectory("rolling");
        var silos = Enumerable
            .Range(0, 3)
            .Select(i => SiloProcess.Start(Path.Combine(dirs.Path, $"s{i}"), env, ["--profile", "Cluster"]))
            .ToList();
        try
        {
            await Task.WhenAll(silos.Select(s => s.WaitReadyAsync(TimeSpan.FromSeconds(120))));
            await WaitActiveAsync(silos[0], 3);
            await using var caller = await ClusterCaller.StartAsync(string.Join(',', silos.Select(s => s.Gateway)));
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < silos.Count; i++)
            {
                var old = silos[i];
                Assert.Equal(0, await old.StopAsync(TimeSpan.FromSeconds(60)));
                await old.DisposeAsync();
                silos[i] = SiloProcess.Start(
                    old.DataDir,
                    env,
                    ["--profile", "Cluster"],
                    httpPort: old.HttpPort,
                    siloPort: old.SiloPort,
                    gatewayPort: old.GatewayPort
                );
                await silos[i].WaitReadyAsync(TimeSpan.FromSeconds(120));
                await WaitActiveAsync(silos[(i + 1) % silos.Count], 3);
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            var calls = await caller.StopAsync();
            output.WriteLine(
                $"rolling restart of 3 silos in {clock.Elapsed.TotalSeconds:F0} s: {calls.Count(c => c.Ok)} calls ok, {calls.Count(c => !c.Ok)} failed, {calls.Sum(c => c.Retries)} retried"
                    + $"{string.Concat(calls.Where(c => !c.Ok).Take(3).Select(c => $"; {c.Error}"))}"
            );
            Assert.Equal(0, calls.Count(c => !c.Ok));
            Assert.True(calls.Count > 100);
        }
        finally
        {
            await Task.WhenAll(silos.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    [PostgresFact]
    public async Task PostgresDownForThirtySecondsUnderLoadNothingCrashesAndNothingAcknowledgedIsLost()
    {
        await using var pg = await PrivatePostgres.StartAsync();
        var env = Environment(pg.ConnectionString());
        using var dirs = new TempDirectory("dbdown");
        var silos = Enumerable
            .Range(0, 3)
            .Select(i => SiloProcess.Start(Path.Combine(dirs.Path, $"s{i}"), env, ["--profile", "Cluster"]))
            .ToList();
        try
        {
            await Task.WhenAll(silos.Select(s => s.WaitReadyAsync(TimeSpan.FromSeconds(120))));
            await WaitActiveAsync(silos[0], 3);
            await using var caller = await ClusterCaller.StartAsync(string.Join(',', silos.Select(s => s.Gateway)));

            // Load: a write every 100 ms; a write is acknowledged when the call returns (the grain has persisted it).
            var acknowledged = new List<string>();
            var refused = 0;
            using var stopWriting = new CancellationTokenSource();
            var queue = caller.Grains.GetGrain<Orleans.Betting.Agents.IApprovalQueueGrain>(Orleans.Betting.Agents.IApprovalQueueGrain.Key);
            var writer = Task.Run(async () =>
            {
                for (var n = 0; !stopWriting.IsCancellationRequested; n++)
                {
                    var id = $"ack-{n}";
                    try
                    {
                        await queue.EnqueueAsync(new Orleans.Betting.Agents.ApprovalItem(id, "outage drill", ["load"], 0, DateTime.UtcNow));
                        lock (acknowledged)
                        {
                            acknowledged.Add(id);
                        }
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        Interlocked.Increment(ref refused);
                    }

                    await Task.Delay(100);
                }
            });
            await Task.Delay(TimeSpan.FromSeconds(3));

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            async Task<bool> AllReadyAsync(System.Net.HttpStatusCode expected) =>
                (await Task.WhenAll(silos.Select(async s => (await http.GetAsync($"{s.BaseUrl}/readyz")).StatusCode))).All(c =>
                    c == expected
                );

            var stopped = DateTime.UtcNow;
            await pg.StopAsync();
            var unready =
                await WaitAsync(() => AllReadyAsync(System.Net.HttpStatusCode.ServiceUnavailable), TimeSpan.FromSeconds(30)) - stopped;
            await Task.Delay(TimeSpan.FromSeconds(30) - (DateTime.UtcNow - stopped));
            Assert.All(
                silos,
                s => Assert.False(s.HasExited, $"a silo exited during the outage:\n{s.Output[^Math.Min(3000, s.Output.Length)..]}")
            );
            var restarted = DateTime.UtcNow;
            await pg.StartAgainAsync();
            var ready = await WaitAsync(() => AllReadyAsync(System.Net.HttpStatusCode.OK), TimeSpan.FromSeconds(90)) - restarted;
            int writesBefore;
            lock (acknowledged)
            {
                writesBefore = acknowledged.Count;
            }

            var writing =
                await WaitAsync(
                    () =>
                    {
                        lock (acknowledged)
                        {
                            return Task.FromResult(acknowledged.Count > writesBefore + 5);
                        }
                    },
                    TimeSpan.FromSeconds(90)
                ) - restarted;
            stopWriting.Cancel();
            await writer;
            var calls = await caller.StopAsync();

            // Every acknowledged write is in the database: deactivate everything, then read the queue back from storage.
            await caller.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            var stored = (await queue.ListAsync()).Select(i => i.Subject).ToHashSet();
            var lost = acknowledged.Where(id => !stored.Contains(id)).ToList();
            output.WriteLine(
                $"PostgreSQL down 30 s under load: every /readyz 503 after {unready.TotalSeconds:F1} s; all ready again {ready.TotalSeconds:F1} s and writes acknowledged again "
                    + $"{writing.TotalSeconds:F1} s after it returned; {acknowledged.Count} writes acknowledged, {refused} refused during the outage, {lost.Count} lost; "
                    + $"reads {calls.Count(c => c.Ok)} ok / {calls.Count(c => !c.Ok)} failed / {calls.Sum(c => c.Retries)} retried"
            );
            Assert.Empty(lost);
            Assert.True(refused > 0, "the outage refused writes (it was real)");
            Assert.All(silos, s => Assert.False(s.HasExited));
        }
        finally
        {
            await Task.WhenAll(silos.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    private static async Task<int> OrchestratorCycleAsync(SiloProcess via)
    {
        var status = await ClientProcess.RunAsync(["agents", "status", "--json", "--gateway", via.Gateway]);
        return status.ExitCode != 0
            ? -1
            : int.Parse(
                JsonDocument
                    .Parse(status.StandardOutput)
                    .RootElement.GetProperty("agents")
                    .EnumerateArray()
                    .Single(a => a.GetProperty("name").GetString() == "orchestrator")
                    .GetProperty("memory")
                    .GetProperty("cycle")
                    .GetString()!,
                System.Globalization.CultureInfo.InvariantCulture
            );
    }

    private static TimeSpan Gap(IReadOnlyList<ClusterCaller.Call> calls, DateTime from)
    {
        var last = from;
        var gap = TimeSpan.Zero;
        foreach (var call in calls.Where(c => c.At >= from && c.Ok))
        {
            gap = call.At - last > gap ? call.At - last : gap;
            last = call.At;
        }

        return gap;
    }

    /// <summary>Waits for the condition and returns when it was first seen true (the figures the tests report).</summary>
    private static async Task<DateTime> WaitAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        await Eventually.WaitAsync(condition, limit);
        return DateTime.UtcNow;
    }

    private static async Task WaitActiveAsync(SiloProcess via, int count) =>
        await WaitAsync(async () => (await MembersAsync(via)).Count(m => m.Status == "Active") == count, TimeSpan.FromSeconds(90));

    private static Task<List<(int Port, string Status)>> MembersAsync(SiloProcess via) => ClientProcess.MembersAsync(via.Gateway);
}
