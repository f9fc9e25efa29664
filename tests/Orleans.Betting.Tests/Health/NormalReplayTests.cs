using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Health;

/// <summary>
/// The embedded default main job (the agents trading a replayed season in weekly cycles, with live
/// odds polled from the simulator) watched by the health monitor sampling every second with its
/// detectors warmed up: several simulated weeks of normal running raise no incident.
/// </summary>
[Trait(Tier.Name, Tier.System)]
public sealed class NormalReplayTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SeveralSimulatedWeeksOfNormalRunningRaiseNoIncident()
    {
        using var data = new TempDirectory("normal-replay");
        await using var silo = SiloProcess.Start(
            data.Path,
            extraArgs:
            [
                "--Betting:MainJob:Enabled=true",
                "--Betting:Health:SampleSeconds=1",
                "--Betting:Health:AuditSeconds=2",
                "--Betting:Health:Detector:WarmUp=20",
                "--Betting:LiveOdds:PollSeconds=2",
            ]
        );
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));
        const int weeks = 6;
        // The follower prints the latest cycle it sees: wait for one at or past the sixth week.
        await Eventually.WaitAsync(
            () =>
                Task.FromResult(
                    System
                        .Text.RegularExpressions.Regex.Matches(silo.Output, @"\[agents\] cycle (\d+) ")
                        .Any(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= weeks)
                ),
            TimeSpan.FromMinutes(4),
            () => Task.FromResult(silo.Output[^Math.Min(2000, silo.Output.Length)..])
        );

        var incidents = (await ClientProcess.RunJsonAsync(silo, "incidents", "--json")).GetProperty("incidents");
        var metrics = await ClientProcess.RunJsonAsync(silo, "metrics", "--json");
        var samples = metrics.GetProperty("samples").GetInt64();
        var series = metrics.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToList();
        output.WriteLine(
            $"{weeks} simulated weeks: {samples} health samples of {series.Count} series, {incidents.GetArrayLength()} incidents"
        );
        Assert.True(incidents.GetArrayLength() == 0, $"incidents in a normal run: {incidents}");
        Assert.True(samples >= 40, $"only {samples} samples");
        Assert.Contains("api:odds:latency_ms", series);
        Assert.Contains("storage:latency_ms", series);
        Assert.Contains(series, s => s.EndsWith(":memory_mb", StringComparison.Ordinal));
        // The host as the silo's auditor measures it: CPU (Orleans' runtime statistics), the data disk, our data files, the network.
        foreach (var figure in new[] { ":cpu_percent", ":disk_free_mb", ":disk_free_percent", ":data_mb", ":net_bytes_per_s" })
        {
            Assert.Contains(series, s => s.StartsWith("silo:", StringComparison.Ordinal) && s.EndsWith(figure, StringComparison.Ordinal));
        }

        // The graph is whole: storage, the stream, the odds API through the pool, the dashboard and this silo all healthy.
        var health = await ClientProcess.RunJsonAsync(silo, "health", "--json");
        var components = health
            .GetProperty("components")
            .EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        foreach (var name in new[] { "storage", "stream:bus", "api:odds", "api-pool", "dashboard", "cluster", "agents" })
        {
            Assert.Equal("Healthy", components[name]);
        }

        Assert.Contains(components, c => c.Key.StartsWith("silo:", StringComparison.Ordinal) && c.Value == "Healthy");
        Assert.Equal("Degraded", components["webhook"]); // none configured: the console is the channel
        var host = Assert.Single(health.GetProperty("hosts").EnumerateArray());
        Assert.True(host.GetProperty("diskFreeMb").GetDouble() > 0);
        Assert.True(host.GetProperty("dataMb").GetDouble() > 0, "the SQLite database is in the data directory");
    }
}
