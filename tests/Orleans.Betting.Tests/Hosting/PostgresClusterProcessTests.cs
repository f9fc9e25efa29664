using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Hosting;

/// <summary>The Cluster profile with real silo processes on a private PostgreSQL.</summary>
[Trait(Tier.Name, Tier.System)]
public sealed class PostgresClusterProcessTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task TwoSiloProcessesFormOneClusterAndTheClientSeesBoth()
    {
        var database = await TestPostgres.CreateDatabaseAsync("cluster");
        var env = ClusterEnvironment(database);
        using var dataA = new TempDirectory("pg-a");
        using var dataB = new TempDirectory("pg-b");
        var clock = Stopwatch.StartNew();

        // Started together: both apply the schema at once, which must be safe.
        await using var a = SiloProcess.Start(dataA.Path, env, ["--profile", "Cluster"]);
        await using var b = SiloProcess.Start(dataB.Path, env, ["--profile", "Cluster"]);
        await Task.WhenAll(a.WaitReadyAsync(TimeSpan.FromSeconds(90)), b.WaitReadyAsync(TimeSpan.FromSeconds(90)));
        output.WriteLine($"two PostgreSQL silos ready in {clock.Elapsed.TotalSeconds:F1} s");

        var members = await ActiveMembersAsync(a.Gateway, expected: 2);
        Assert.Equal(new[] { a.SiloPort, b.SiloPort }.Order(), members.Order());

        // The same view through the other silo's gateway, and through a list with a dead endpoint first (the
        // client gives up on it and connects through the live one: given time for that on a busy machine).
        Assert.Equal(2, (await ActiveMembersAsync(b.Gateway, expected: 2)).Count);
        Assert.Equal(2, (await ActiveMembersAsync($"127.0.0.1:{FreePorts.Next()},{b.Gateway}", expected: 2, connectSeconds: 20)).Count);

        // Dashboard: basic auth is required in the Cluster profile.
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"{a.BaseUrl}/dashboard/")).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{a.BaseUrl}/dashboard/");
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:s3cret"))
        );
        var authorised = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, authorised.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{a.BaseUrl}/readyz")).StatusCode);

        // A burst of readiness probes is served from the published result: all ready, and the database
        // sees at most one readiness connection per silo (its own pool), whatever the burst.
        var burst = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => http.GetAsync($"{a.BaseUrl}/readyz")));
        Assert.All(burst, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using (var pg = new Npgsql.NpgsqlConnection(database))
        {
            await pg.OpenAsync();
            await using var count = pg.CreateCommand();
            // This cluster's database only: other test classes' silos (TLS, say) may be probing theirs on the same server meanwhile.
            count.CommandText =
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'betting-readiness' AND datname = current_database()";
            Assert.InRange((long)(await count.ExecuteScalarAsync())!, 1, 2);
        }

        // Graceful leave: B stops on SIGTERM and A's view drops it.
        Assert.Equal(0, await b.StopAsync());
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await ActiveMembersAsync(a.Gateway, expected: null)).Count != 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        Assert.Equal([a.SiloPort], await ActiveMembersAsync(a.Gateway, expected: null));
    }

    [PostgresFact]
    public async Task AClusterTradesLiveByDefaultAndWithoutAKeyOrHistoryStaysUpSayingWhatIsMissing()
    {
        var env = ClusterEnvironment(await TestPostgres.CreateDatabaseAsync("livedefault"));
        env["Betting__Agents__TickSeconds"] = "0.5";
        using var data = new TempDirectory("pg-live");
        await using var silo = SiloProcess.Start(data.Path, env, ["--profile", "Cluster"], profileDefaults: true);
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));

        // The agents run on the live market by default, and say plainly why nothing is traded.
        string state = "";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var live = await ClientProcess.RunJsonAsync(silo, "live", "status", "--json", "--cluster-id", clusterId);
            state = live.GetProperty("state").GetString() ?? "";
            if (state.StartsWith("degraded", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(1000);
        }

        output.WriteLine(state);
        Assert.StartsWith("degraded: no history to learn from: no league has 3 imported seasons (none imported)", state);
        Assert.Contains("data import", state);
        Assert.Contains("no odds API key", state); // and the other thing missing, in the same line
        var agents = await ClientProcess.RunJsonAsync(silo, "agents", "status", "--json", "--cluster-id", clusterId);
        var orchestrator = agents.GetProperty("agents").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "orchestrator");
        Assert.Equal("Running", orchestrator.GetProperty("state").GetString()); // degraded, not faulted

        // The connectivity graph names the missing key (once the first audit has run: every 15 s); the silo stays ready.
        System.Text.Json.JsonElement? audited = null;
        for (var audit = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < audit; await Task.Delay(1000))
        {
            var result = await ClientProcess.RunAsync(["health", "--json", "--cluster-id", clusterId, "--gateway", silo.Gateway]);
            if (result.ExitCode == 0)
            {
                audited = System.Text.Json.JsonDocument.Parse(result.StandardOutput).RootElement;
                break;
            }
        }

        var health = Assert.NotNull(audited);
        var odds = health.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "api:odds");
        output.WriteLine(odds.ToString());
        Assert.NotEqual("Healthy", odds.GetProperty("status").GetString());
        Assert.Contains("ApiKey", odds.ToString());
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{silo.BaseUrl}/readyz")).StatusCode);
        Assert.Equal(
            0,
            (await ClientProcess.RunJsonAsync(silo, "ledger", "--json", "--cluster-id", clusterId)).GetProperty("bets").GetArrayLength()
        );
    }

    [PostgresFact]
    public async Task MigrateCommandAppliesTheSchemaOnceThenReportsItCurrent()
    {
        var env = ClusterEnvironment(await TestPostgres.CreateDatabaseAsync("migratecmd"));
        using var data = new TempDirectory("migrate");
        await using (var first = SiloProcess.Start(data.Path, env, ["--profile", "Cluster"], verb: "migrate"))
        {
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("applied", first.Output);
        }

        await using var second = SiloProcess.Start(data.Path, env, ["--profile", "Cluster"], verb: "migrate");
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("already current", second.Output);
    }

    private readonly string clusterId = $"test-{Guid.NewGuid():N}"[..13];

    private Dictionary<string, string> ClusterEnvironment(string connectionString) =>
        SiloProcess.ClusterEnvironment(connectionString, new Dictionary<string, string> { ["Orleans__ClusterId"] = clusterId });

    private async Task<List<int>> ActiveMembersAsync(string gateway, int? expected, int connectSeconds = 5)
    {
        // Membership converges within a few heartbeats; poll briefly for the expected view.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var ports = (await ClientProcess.MembersAsync(gateway, clusterId, connectSeconds))
                .Where(m => m.Status == "Active")
                .Select(m => m.Port)
                .ToList();
            if (expected is null || ports.Count == expected || DateTime.UtcNow > deadline)
            {
                output.WriteLine($"via {gateway}: {string.Join(", ", ports)}");
                return ports;
            }

            await Task.Delay(500);
        }
    }
}
