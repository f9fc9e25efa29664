using Orleans.Betting.Health;

namespace Orleans.Betting.Client.Commands;

/// <summary>`metrics`: the health monitor's series.</summary>
public static class MetricsCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var filter = new Option<string?>("--series") { Description = "Only series whose name starts with this, e.g. api:odds" };
        var points = new Option<int>("--points") { Description = "Points per series in the sparkline", DefaultValueFactory = _ => 60 };
        var watch = new Option<bool>("--watch") { Description = "Keep refreshing every 2 s until Ctrl+C" };
        var json = JsonOutput.Option();
        var command = new Command("metrics", "The monitored series (sampled by the health monitor): last value, range and a sparkline")
        {
            filter,
            points,
            watch,
            json,
        };
        command.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var monitor = cluster.Grains.GetGrain<IHealthMonitorGrain>(IHealthMonitorGrain.Key);
                var prefix = parse.GetValue(filter);
                var count = Math.Max(2, parse.GetValue(points));
                if (parse.GetValue(json))
                {
                    var view = await monitor.GetMetricsAsync(count);
                    JsonOutput.Write(
                        new
                        {
                            lastSampleUtc = view.LastSampleUtc,
                            samples = view.Samples,
                            openIncidents = view.OpenIncidents,
                            series = view
                                .Series.Where(s => prefix is null || s.Key.StartsWith(prefix, StringComparison.Ordinal))
                                .OrderBy(s => s.Key, StringComparer.Ordinal)
                                .Select(s => new { name = s.Key, points = s.Value.Select(p => new { atUtc = p.AtUtc, value = p.Value }) }),
                        }
                    );
                    return 0;
                }

                if (!parse.GetValue(watch))
                {
                    AnsiConsole.Write(MetricsTable(await monitor.GetMetricsAsync(count), prefix));
                    return 0;
                }

                await AnsiConsole
                    .Live(new Text("sampling…"))
                    .StartAsync(async live =>
                    {
                        while (!ct.IsCancellationRequested)
                        {
                            live.UpdateTarget(MetricsTable(await monitor.GetMetricsAsync(count), prefix));
                            try
                            {
                                await Task.Delay(2000, ct);
                            }
                            catch (OperationCanceledException)
                            {
                                break;
                            }
                        }
                    });
                return 0;
            }
        );
        return command;
    }

    private static Table MetricsTable(MetricsView view, string? prefix)
    {
        var table = new Table()
            .AddColumns("Series", "Last", "Min", "Max", "Trend")
            .Caption($"{view.Samples} samples, last {view.LastSampleUtc:HH:mm:ss} UTC, {view.OpenIncidents} open incident(s)");
        foreach (
            var (name, points) in view
                .Series.Where(s => prefix is null || s.Key.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(s => s.Key, StringComparer.Ordinal)
        )
        {
            if (points.Count == 0)
            {
                continue;
            }

            var values = points.Select(p => p.Value).ToList();
            // Text, not markup: a series such as stream:bus:latency_ms must not turn into an emoji.
            table.AddRow(
                new Text(name),
                new Text(Format(values[^1])),
                new Text(Format(values.Min())),
                new Text(Format(values.Max())),
                new Text(Sparkline.Of(values))
            );
        }

        return table;
    }

    private static string Format(double v) =>
        Math.Abs(v) >= 100 ? v.ToString("F0", CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture);
}
