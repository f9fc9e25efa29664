using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Health;

/// <summary>
/// An embedded silo process with its odds simulator, polling live odds every second, and a loopback
/// webhook receiver. Each drill injects one fault from outside with the client's `sim fault`.
/// </summary>
public sealed class DrillSilo : IAsyncLifetime
{
    private TempDirectory? data;
    private WebhookReceiver? hook;

    public SiloProcess Silo { get; private set; } = null!;

    public IReadOnlyList<(DateTime At, JsonElement Body)> Posts => hook!.Posts;

    public async Task InitializeAsync()
    {
        hook = await WebhookReceiver.StartAsync();
        data = new TempDirectory("drills");
        Silo = SiloProcess.Start(data.Path, extraArgs: DrillSettings(hook.BaseUrl + "hooks/ops"));
        await Silo.WaitReadyAsync(TimeSpan.FromSeconds(90));
    }

    public static string[] DrillSettings(string webhook) =>
        [
            "--Betting:Health:SampleSeconds=1",
            "--Betting:Health:AuditSeconds=2",
            "--Betting:Health:PauseSeconds=10",
            "--Betting:Health:Remediation:CooldownSeconds=5",
            "--Betting:Health:Remediation:VerifySeconds=4",
            "--Betting:LiveOdds:PollSeconds=1",
            "--Betting:Apis:Odds:CacheSeconds=0.5",
            "--Betting:Agents:TickSeconds=0.5",
            $"--Betting:Notifications:WebhookUrl={webhook}",
        ];

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        if (hook is not null)
        {
            await hook.DisposeAsync();
        }

        data?.Dispose();
    }
}

/// <summary>
/// Fault injection against a real silo and the simulator, one drill per fault: each is detected,
/// the rule's remediation runs, the system recovers by itself after the fault ends, exactly one
/// notification per incident reaches the webhook, and the live odds kept before the fault are still there.
/// </summary>
[Trait(Tier.Name, Tier.System)]
public sealed class FaultDrillTests(DrillSilo env, ITestOutputHelper output) : IClassFixture<DrillSilo>
{
    [Fact]
    public Task A500StormPausesTheApiClusterWide() =>
        DrillAsync(["--api", "odds", "--kind", "http500"], 8, "api:odds", ["ErrorBurst", "Unreachable"], "pause-api");

    [Fact]
    public Task SlowResponsesLowerThePolling() =>
        DrillAsync(["--api", "odds", "--kind", "latency", "--latency-ms", "2500"], 8, "api:odds", ["SlowResponses"], "lower-polling");

    [Fact]
    public Task MalformedJsonClearsTheCache() =>
        DrillAsync(["--api", "odds", "--kind", "malformed"], 8, "api:odds", ["MalformedResponses"], "clear-cache");

    [Fact]
    public Task ConnectionResetsPauseTheApi() =>
        DrillAsync(["--api", "odds", "--kind", "reset"], 8, "api:odds", ["ConnectionFailures", "ErrorBurst", "Unreachable"], "pause-api");

    [Fact]
    public Task A429StormSlowsTheBucket() =>
        DrillAsync(["--api", "odds", "--kind", "rate-limit"], 8, "api:odds", ["RateLimited"], "slow-api");

    [Fact]
    public async Task AnAgentThatKeepsThrowingIsRestarted()
    {
        Assert.Equal(0, (await ClientProcess.RunAsync(["agents", "start", "database", "--gateway", env.Silo.Gateway])).ExitCode);
        await DrillAsync(["--agent", "database"], 3, "agent:database", ["AgentFaulted"], "restart-agent");
        var agents = await ClientProcess.RunJsonAsync(env.Silo, "agents", "status", "--json");
        Assert.Equal(
            "Running",
            agents
                .GetProperty("agents")
                .EnumerateArray()
                .Single(a => a.GetProperty("name").GetString() == "database")
                .GetProperty("state")
                .GetString()
        );
    }

    [Fact]
    public async Task SimFaultIsRefusedWithoutASimulatorAndNamesWhatIsWrong()
    {
        var bad = await ClientProcess.RunAsync([
            "sim",
            "fault",
            "--api",
            "odds",
            "--kind",
            "meltdown",
            "--seconds",
            "5",
            "--gateway",
            env.Silo.Gateway,
        ]);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("http500, latency, malformed, reset, rate-limit", bad.StandardError);
        var none = await ClientProcess.RunAsync(["sim", "fault", "--seconds", "5", "--gateway", env.Silo.Gateway]);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("--api odds or --agent NAME", none.StandardError);
    }

    private async Task DrillAsync(string[] fault, double seconds, string subject, string[] kinds, string action)
    {
        // One drill at a time, on a quiet system.
        await Eventually.WaitAsync(
            async () => (await IncidentsAsync(openOnly: true)).Count == 0,
            TimeSpan.FromSeconds(90),
            async () => $"open incidents before the drill: {await Describe(true)}"
        );
        var before = (await IncidentsAsync(false)).Select(i => i.GetProperty("id").GetInt64()).ToHashSet();
        var historyBefore = await PriceHistoryAsync();

        // The silo polls the API on its own (a busy machine can hold the first polls back): a fault
        // injected before that would meet no call at all.
        var pollsBefore = await PollsAsync();
        await Eventually.WaitAsync(
            async () => await PollsAsync() >= pollsBefore + 2,
            TimeSpan.FromSeconds(60),
            async () => $"background polls: {pollsBefore} then {await PollsAsync()}"
        );

        var injected = DateTime.UtcNow;
        var answer = await ClientProcess.RunAsync([
            "sim",
            "fault",
            .. fault,
            "--seconds",
            seconds.ToString(CultureInfo.InvariantCulture),
            "--gateway",
            env.Silo.Gateway,
        ]);
        Assert.True(answer.ExitCode == 0, answer.StandardError);
        var faultEnds = injected.AddSeconds(seconds);

        // Detected: an incident of the expected kind on the subject.
        JsonElement incident = default;
        await Eventually.WaitAsync(
            async () =>
            {
                var found = (await IncidentsAsync(false))
                    .Where(i => !before.Contains(i.GetProperty("id").GetInt64()) && i.GetProperty("subject").GetString() == subject)
                    .ToList();
                if (found.Count == 0)
                {
                    return false;
                }

                incident = found[^1];
                return true;
            },
            TimeSpan.FromSeconds(30),
            () => Describe(false)
        );
        Assert.Contains(incident.GetProperty("kind").GetString(), kinds);
        var id = incident.GetProperty("id").GetInt64();

        // Recovered by itself after the fault ended: the incident resolves.
        await Eventually.WaitAsync(
            async () => (await IncidentAsync(id)).GetProperty("resolvedUtc").ValueKind != JsonValueKind.Null,
            TimeSpan.FromSeconds(90),
            () => Describe(false)
        );
        incident = await IncidentAsync(id);
        var actions = incident
            .GetProperty("actions")
            .EnumerateArray()
            .Select(a => (Action: a.GetProperty("action").GetString()!, Result: a.GetProperty("result").GetString()!))
            .ToList();
        Assert.Contains(actions, a => a.Action == action && a.Result is "applied" or "verified" or "done" or "failed");
        Assert.False(incident.GetProperty("escalated").GetBoolean(), $"escalated: {incident}");

        // Every incident of the drill got exactly one alert at the webhook.
        var opened = (await IncidentsAsync(false)).Where(i => !before.Contains(i.GetProperty("id").GetInt64())).ToList();
        foreach (var each in opened)
        {
            var key = $"incident|{each.GetProperty("id").GetInt64()}";
            await Eventually.WaitAsync(
                () => Task.FromResult(env.Posts.Any(p => p.Body.GetProperty("key").GetString() == key)),
                TimeSpan.FromSeconds(30)
            );
        }

        await Task.Delay(1500);
        foreach (var each in opened)
        {
            var key = $"incident|{each.GetProperty("id").GetInt64()}";
            Assert.Single(env.Posts, p => p.Body.GetProperty("key").GetString() == key);
        }

        // No acknowledged data lost: every event still listed keeps at least the price history it had before the drill.
        var historyAfter = await PriceHistoryAsync();
        var common = historyBefore.Keys.Intersect(historyAfter.Keys).ToList();
        Assert.NotEmpty(common);
        Assert.All(
            common,
            e =>
                Assert.True(
                    historyAfter[e] >= historyBefore[e],
                    $"event {e}: {historyBefore[e]} price changes before, {historyAfter[e]} after"
                )
        );

        var detected = incident.GetProperty("detectedUtc").GetDateTime();
        var resolved = incident.GetProperty("resolvedUtc").GetDateTime();
        var alert = env.Posts.First(p => p.Body.GetProperty("key").GetString() == $"incident|{id}").At;
        output.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"{string.Join(' ', fault)} for {seconds} s: {incident.GetProperty("kind").GetString()} detected after {(detected - injected).TotalSeconds:F1} s, "
                    + $"alert at the webhook after {(alert - injected).TotalSeconds:F1} s, resolved {(resolved - faultEnds).TotalSeconds:F1} s after the fault ended; "
                    + $"actions: {string.Join(", ", actions.Select(a => $"{a.Action}→{a.Result}"))}; incidents in the drill: {opened.Count}"
            )
        );
    }

    private async Task<List<JsonElement>> IncidentsAsync(bool openOnly)
    {
        var args = openOnly ? new[] { "incidents", "--open", "--json" } : ["incidents", "--json"];
        return (await ClientProcess.RunJsonAsync(env.Silo, args)).GetProperty("incidents").EnumerateArray().ToList();
    }

    private async Task<JsonElement> IncidentAsync(long id) =>
        (await IncidentsAsync(false)).Single(i => i.GetProperty("id").GetInt64() == id);

    private async Task<string> Describe(bool openOnly) =>
        string.Join(
            "; ",
            (await IncidentsAsync(openOnly)).Select(i =>
                $"{i.GetProperty("id")} {i.GetProperty("subject")} {i.GetProperty("kind")} resolved={i.GetProperty("resolvedUtc")} actions={i.GetProperty("actions")}"
            )
        );

    /// <summary>The silo's background polls of the odds API so far (-1 while the client cannot say).</summary>
    private async Task<long> PollsAsync() => (await OddsLiveAsync()).Live is { } live ? live.GetProperty("polls").GetInt64() : -1;

    /// <summary>Each listed event's recorded price changes (persisted in its event grain).</summary>
    private async Task<Dictionary<string, long>> PriceHistoryAsync()
    {
        var (live, error) = await OddsLiveAsync();
        Assert.True(live is not null, error);
        return live
            .Value.GetProperty("events")
            .EnumerateArray()
            .ToDictionary(
                e => e.GetProperty("id").GetString()!,
                e => e.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("priceChanges").GetInt64())
            );
    }

    private async Task<(JsonElement? Live, string Error)> OddsLiveAsync()
    {
        var status = await ClientProcess.RunAsync(["odds", "live", "--sport", "soccer_epl", "--json", "--gateway", env.Silo.Gateway]);
        return (status.ExitCode == 0 ? JsonDocument.Parse(status.StandardOutput).RootElement : null, status.StandardError);
    }
}
