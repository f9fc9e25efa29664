using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Health;

/// <summary>
/// The storage fault: a Cluster-profile silo on a PostgreSQL of the test's own, which the test stops
/// for 20 s. The auditor's storage check fails, /readyz turns 503, the monitor opens one incident
/// (one alert at the webhook); when the database is back everything recovers by itself, and the
/// incident record kept in memory meanwhile is written and survives a restart of the silo.
/// </summary>
[Trait(Tier.Name, Tier.System)]
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task StoppingPostgresIsDetectedNotifiedAndRecoveredWithNothingLost()
    {
        await using var hook = await WebhookReceiver.StartAsync();
        await using var pg = await PrivatePostgres.StartAsync();
        var env = SiloProcess.ClusterEnvironment(pg.ConnectionString());
        string[] args = ["--profile", "Cluster", .. DrillSilo.DrillSettings(hook.BaseUrl + "hooks/ops")];
        using var data = new TempDirectory("outage");
        var silo = SiloProcess.Start(data.Path, env, args);
        try
        {
            await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));
            await Eventually.WaitAsync(
                async () => await StorageStatusAsync(silo) == "Healthy",
                TimeSpan.FromSeconds(30),
                async () =>
                    (await ClientProcess.RunAsync(["health", "--json", "--gateway", silo.Gateway])).StandardOutput
                    + silo.Output[^Math.Min(3000, silo.Output.Length)..]
            );
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

            var stopped = DateTime.UtcNow;
            await pg.StopAsync();
            var unready = Stopwatch.StartNew();
            await Eventually.WaitAsync(
                async () => (await http.GetAsync($"{silo.BaseUrl}/readyz")).StatusCode == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(30)
            );
            var readyzFalseAfter = unready.Elapsed;

            JsonElement incident = default;
            await Eventually.WaitAsync(
                async () =>
                {
                    var found = (await IncidentsAsync(silo)).Where(i => i.GetProperty("subject").GetString() == "storage").ToList();
                    incident = found.FirstOrDefault();
                    return found.Count == 1;
                },
                TimeSpan.FromSeconds(30)
            );
            Assert.Equal("Unreachable", incident.GetProperty("kind").GetString());
            Assert.Equal("critical", incident.GetProperty("severity").GetString());
            var id = incident.GetProperty("id").GetInt64();
            var detectedAfter = incident.GetProperty("detectedUtc").GetDateTime() - stopped;
            await Eventually.WaitAsync(() => Task.FromResult(hook.WithKey($"incident|{id}").Count > 0), TimeSpan.FromSeconds(30));
            var alertAfter = hook.WithKey($"incident|{id}")[0].At - stopped;

            // Down for 20 s: nothing crashes.
            await Task.Delay(TimeSpan.FromSeconds(20) - (DateTime.UtcNow - stopped));
            Assert.False(silo.HasExited, silo.Output);
            var restarted = DateTime.UtcNow;
            await pg.StartAgainAsync();

            // Back by itself: ready again, the incident resolved, one alert for it.
            await Eventually.WaitAsync(
                async () => (await http.GetAsync($"{silo.BaseUrl}/readyz")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(60)
            );
            var readyAgainAfter = DateTime.UtcNow - restarted;
            await Eventually.WaitAsync(
                async () =>
                    (await IncidentsAsync(silo)).Single(i => i.GetProperty("id").GetInt64() == id).GetProperty("resolvedUtc").ValueKind
                    != JsonValueKind.Null,
                TimeSpan.FromSeconds(60)
            );
            var resolvedAfter =
                (await IncidentsAsync(silo)).Single(i => i.GetProperty("id").GetInt64() == id).GetProperty("resolvedUtc").GetDateTime()
                - restarted;
            await Task.Delay(2000);
            Assert.Single(hook.WithKey($"incident|{id}"));
            var all = await IncidentsAsync(silo);
            foreach (var each in all)
            {
                Assert.Single(hook.WithKey($"incident|{each.GetProperty("id").GetInt64()}"));
            }

            output.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"PostgreSQL stopped: /readyz 503 after {readyzFalseAfter.TotalSeconds:F1} s, storage incident detected after {detectedAfter.TotalSeconds:F1} s, "
                        + $"alert at the webhook after {alertAfter.TotalSeconds:F1} s; restarted after 20 s: ready again after {readyAgainAfter.TotalSeconds:F1} s, "
                        + $"incident resolved after {resolvedAfter.TotalSeconds:F1} s; incidents: {string.Join("; ", all.Select(i => $"{i.GetProperty("subject")} {i.GetProperty("kind")}"))}"
                )
            );

            // Nothing acknowledged lost: the incident, opened while the database was down, survives a restart of the silo.
            Assert.Equal(0, await silo.StopAsync(TimeSpan.FromSeconds(60)));
            await silo.DisposeAsync();
            silo = SiloProcess.Start(data.Path, env, args);
            await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));
            var kept = (await IncidentsAsync(silo)).Single(i => i.GetProperty("id").GetInt64() == id);
            Assert.NotEqual(JsonValueKind.Null, kept.GetProperty("resolvedUtc").ValueKind);
            Assert.Contains(kept.GetProperty("actions").EnumerateArray(), a => a.GetProperty("action").GetString() == "notify");
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    private static async Task<List<JsonElement>> IncidentsAsync(SiloProcess silo) =>
        (await ClientProcess.RunJsonAsync(silo, "incidents", "--json")).GetProperty("incidents").EnumerateArray().ToList();

    private static async Task<string?> StorageStatusAsync(SiloProcess silo)
    {
        var result = await ClientProcess.RunAsync(["health", "--json", "--gateway", silo.Gateway]);
        return result.ExitCode != 0 ? null
            : JsonDocument
                .Parse(result.StandardOutput)
                .RootElement.GetProperty("components")
                .EnumerateArray()
                .FirstOrDefault(c => c.GetProperty("name").GetString() == "storage")
                is { ValueKind: JsonValueKind.Object } storage
                ? storage.GetProperty("status").GetString()
            : null;
    }
}
