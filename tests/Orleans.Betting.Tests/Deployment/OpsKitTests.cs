using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orleans.Betting.Monitoring;

namespace Orleans.Betting.Tests.Deployment;

/// <summary>
/// The operations kit in docker/: the Grafana dashboard and the Prometheus rules read only metrics the
/// silos export (named as the OpenTelemetry Prometheus exporter names our instruments), and promtool
/// accepts the rules, passes their unit tests and parses every dashboard query.
/// </summary>
public sealed partial class OpsKitTests
{
    private static string Kit(params string[] parts) => Path.Combine([RepoPaths.Root, "docker", .. parts]);

    /// <summary>The Prometheus series our instruments become: counters end in _total, histograms in their unit and _bucket/_sum/_count.</summary>
    private static HashSet<string> ExportedSeries()
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "betting_gauge" };
        foreach (var field in typeof(BettingMetrics).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is not Instrument instrument)
            {
                continue;
            }

            var unit = instrument.Unit switch
            {
                "ms" => "_milliseconds",
                "s" => "_seconds",
                null or "" => "",
                var other => throw new InvalidOperationException($"unit '{other}' of {instrument.Name}: add its Prometheus name here"),
            };
            if (instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal))
            {
                names.UnionWith(new[] { "_bucket", "_sum", "_count" }.Select(s => instrument.Name + unit + s));
            }
            else
            {
                names.Add(instrument.Name + unit + "_total");
            }
        }

        return names;
    }

    private static IReadOnlyList<string> DashboardQueries()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Kit("grafana", "orleans-betting.json")));
        var queries = new List<string>();
        foreach (var panel in doc.RootElement.GetProperty("panels").EnumerateArray())
        {
            var grid = panel.GetProperty("gridPos");
            Assert.True(grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32() <= 24, panel.GetProperty("title").GetString());
            if (panel.GetProperty("type").GetString() == "row")
            {
                continue;
            }

            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.NotEmpty(targets);
            queries.AddRange(targets.Select(t => t.GetProperty("expr").GetString()!));
        }

        return queries;
    }

    [Fact]
    public void TheDashboardAndTheRulesReadOnlyMetricsTheSilosExport()
    {
        var exported = ExportedSeries();
        var queries = DashboardQueries();
        Assert.True(queries.Count >= 20, $"{queries.Count} dashboard queries");
        var rules = File.ReadAllText(Kit("prometheus", "alerts.yml"));
        var used = queries.Concat([rules]).SelectMany(q => MetricName().Matches(q).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
        var unknown = used.Except(exported).ToList();
        Assert.True(unknown.Count == 0, "not exported: " + string.Join(", ", unknown));

        // Every instrument is on the dashboard (none forgotten).
        var families = exported.Select(n => Regex.Replace(n, "_(bucket|sum|count)$", "")).ToHashSet(StringComparer.Ordinal);
        var shown = used.Select(n => Regex.Replace(n, "_(bucket|sum|count)$", "")).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(families.Except(shown));
    }

    [Fact]
    [Trait(Tier.Name, Tier.System)]
    public async Task PromtoolAcceptsTheRulesPassesTheirTestsAndParsesEveryDashboardQuery()
    {
        var promtool =
            new[] { "/usr/bin/promtool", "/usr/local/bin/promtool" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "promtool is not installed (apt-get install prometheus); tests/run.sh installs it when run as root"
            );
        async Task<string> RunAsync(params string[] args)
        {
            var (code, stdout, stderr) = await ExternalProcess.RunAsync(promtool, args, TimeSpan.FromSeconds(60));
            Assert.True(code == 0, $"promtool {string.Join(' ', args)}: {stdout}{stderr}");
            return stdout + stderr;
        }

        Assert.Contains("SUCCESS: 11 rules found", await RunAsync("check", "rules", Kit("prometheus", "alerts.yml")));
        Assert.Contains("SUCCESS", await RunAsync("test", "rules", Kit("prometheus", "alerts.test.yml")));
        Assert.Contains("valid prometheus config", await RunAsync("check", "config", Kit("prometheus", "prometheus.yml")));

        // The dashboard's queries, parsed by Prometheus' own parser as recording rules.
        using var dir = new TempDirectory("grafana-queries");
        var file = Path.Combine(dir.Path, "queries.yml");
        var queries = DashboardQueries();
        await File.WriteAllLinesAsync(
            file,
            [
                "groups:",
                "  - name: dashboard",
                "    rules:",
                .. queries.SelectMany(
                    (q, i) => new[] { $"      - record: dashboard_query_{i}", $"        expr: {JsonSerializer.Serialize(q)}" }
                ),
            ]
        );
        Assert.Contains($"SUCCESS: {queries.Count} rules found", await RunAsync("check", "rules", file));
    }

    [GeneratedRegex(@"\bbetting_[a-z_]+\b")]
    private static partial Regex MetricName();
}
