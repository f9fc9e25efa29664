using Orleans.Betting.Health;

namespace Orleans.Betting.Tests.Health;

/// <summary>The silos' CPU, disk and network series in the monitor: the disk rule, the CPU model, through the series store.</summary>
public sealed class HostSeriesTests
{
    private sealed class InMemoryState<T>(T state) : IPersistentState<T>
    {
        public T State { get; set; } = state;

        public string? Etag => null;

        public bool RecordExists => true;

        public Task ClearStateAsync() => Task.CompletedTask;

        public Task WriteStateAsync() => Task.CompletedTask;

        public Task ReadStateAsync() => Task.CompletedTask;
    }

    private static HealthSample Empty(DateTime at) => new(at, [], [], [], [], []);

    [Fact]
    public void ANearlyFullDataDiskIsAFindingOfItsOwnAndSustainedCpuLoadIsAShift()
    {
        const string silo = "silo:10.0.0.5:11111";
        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        var settings = new HealthOptions { Detector = { WarmUp = 30, Model = "ewma" } };
        var series = new HealthSeries(
            new InMemoryState<HealthMonitorState>(new HealthMonitorState()),
            settings,
            figures,
            AnomalyModels.Choose([new RobustDetectorFactory(), new EwmaDetectorFactory()], settings.Detector.Model)
        );
        var random = new Random(3);
        var at = new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc);
        var findings = new List<(int At, Finding Finding)>();
        for (var t = 0; t < 200; t++)
        {
            // CPU near 20 % until a sustained load of 70 % from t = 120; free disk falls from 9 % to 3 %.
            figures[$"{silo}:cpu_percent"] = (t < 120 ? 20 : 70) + 4 * (random.NextDouble() - 0.5);
            figures[$"{silo}:disk_free_percent"] = 9 - 6.0 * t / 200;
            figures[$"{silo}:net_bytes_per_s"] = 50_000 + 1_000 * random.NextDouble();
            findings.AddRange(series.Record(Empty(at.AddSeconds(t)), at.AddSeconds(t)).Select(f => (t, f)));
        }

        var cpu = Assert.Single(findings, f => f.Finding.Series.EndsWith(":cpu_percent", StringComparison.Ordinal));
        Assert.Equal((AnomalyKind.LevelShift, silo), (cpu.Finding.Kind, cpu.Finding.Subject));
        Assert.InRange(cpu.At, 120, 125);
        Assert.StartsWith("ewma:", cpu.Finding.Evidence, StringComparison.Ordinal);

        var disk = findings.Where(f => f.Finding.Kind == AnomalyKind.LowDisk).ToList();
        Assert.NotEmpty(disk);
        Assert.Equal(134, disk[0].At); // 9 − 6·134/200 = 4.98 %: the first under 5 %
        Assert.All(disk, f => Assert.Equal("disk:" + silo, f.Finding.Subject));
        Assert.Contains("under the 5 % the rule allows", disk[0].Finding.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain(findings, f => f.Finding.Series.EndsWith(":net_bytes_per_s", StringComparison.Ordinal));
    }
}
