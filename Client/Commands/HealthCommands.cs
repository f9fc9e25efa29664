using System.CommandLine;
using System.Globalization;
using Orleans.Betting.Client.Infrastructure;
using Orleans.Betting.Health;
using Spectre.Console;

namespace Orleans.Betting.Client.Commands;

/// <summary><c>health</c> (the connectivity graph), <c>incidents</c>, <c>metrics</c> (the monitored series) and <c>sim fault|clear</c> (drills, Embedded only).</summary>
public static class HealthCommands
{
    public static IEnumerable<Command> Create(ConnectionOptions connection)
    {
        yield return Health(connection);
        yield return Incidents(connection);
        yield return Metrics(connection);
        yield return Sim(connection);
    }

    private static Command Health(ConnectionOptions connection)
    {
        var json = JsonOutput.Option();
        var command = new Command("health", "The connectivity graph: every component, its status, latency, dependencies and last error")
        {
            json,
        };
        command.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(async () =>
                {
                    await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                    var graph = await cluster.Grains.GetGrain<IConnectivityGrain>(IConnectivityGrain.Key).GetGraphAsync();
                    if (parse.GetValue(json))
                    {
                        JsonOutput.Write(
                            new
                            {
                                lastAuditUtc = graph.LastAuditUtc,
                                components = graph.Components.Select(c => new
                                {
                                    name = c.Name,
                                    kind = c.Kind,
                                    status = c.Status.ToString(),
                                    latencyMs = Math.Round(c.LatencyMs, 1),
                                    dependsOn = c.DependsOn,
                                    lastError = c.LastError,
                                    description = c.Description,
                                    reportedBy = c.ReportedBy,
                                    checkedUtc = c.CheckedUtc,
                                }),
                            }
                        );
                        return graph.Components.Count == 0 ? 1 : 0;
                    }

                    if (graph.Components.Count == 0)
                    {
                        Console.Error.WriteLine(
                            "no audit yet: the silos' connectivity auditors report every Betting:Health:AuditSeconds (15 s by default)"
                        );
                        return 1;
                    }

                    var byName = graph.Components.ToDictionary(c => c.Name, StringComparer.Ordinal);
                    var dependedOn = graph.Components.SelectMany(c => c.DependsOn).ToHashSet(StringComparer.Ordinal);
                    var tree = new Tree($"[bold]Orleans.Betting[/] (audited {graph.LastAuditUtc:HH:mm:ss} UTC)");
                    foreach (var root in graph.Components.Where(c => !dependedOn.Contains(c.Name)))
                    {
                        AddNode(tree.AddNode(Label(root)), root, byName, [root.Name]);
                    }

                    AnsiConsole.Write(tree);
                    var counts = graph.Components.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Count());
                    AnsiConsole.MarkupLine(
                        $"[green]{counts.GetValueOrDefault(ComponentStatus.Healthy)} healthy[/], [yellow]{counts.GetValueOrDefault(ComponentStatus.Degraded)} degraded[/], [red]{counts.GetValueOrDefault(ComponentStatus.Unhealthy)} unhealthy[/]"
                    );
                    return 0;
                })
        );
        return command;
    }

    private static void AddNode(TreeNode node, ComponentHealth component, Dictionary<string, ComponentHealth> byName, HashSet<string> path)
    {
        foreach (var dependency in component.DependsOn)
        {
            if (!byName.TryGetValue(dependency, out var child))
            {
                node.AddNode(new Paragraph().Append(dependency + " (not reported)", new Style(Color.Grey)));
                continue;
            }

            var childNode = node.AddNode(Label(child));
            if (path.Add(dependency))
            {
                AddNode(childNode, child, byName, path);
                path.Remove(dependency);
            }
        }
    }

    private static Paragraph Label(ComponentHealth c)
    {
        // A paragraph of plain runs, not markup: names such as stream:bus must not turn into emoji.
        var colour = new Style(
            c.Status switch
            {
                ComponentStatus.Healthy => Color.Green,
                ComponentStatus.Degraded => Color.Yellow,
                _ => Color.Red,
            }
        );
        var detail = c.LastError ?? c.Description;
        return new Paragraph()
            .Append(c.Name, colour)
            .Append(" ")
            .Append(c.Kind, new Style(Color.Grey))
            .Append(" ")
            .Append(c.Status.ToString(), colour)
            .Append(string.Create(CultureInfo.InvariantCulture, $" {c.LatencyMs:F0} ms"))
            .Append(string.IsNullOrEmpty(detail) ? "" : " — " + detail);
    }

    private static Command Incidents(ConnectionOptions connection)
    {
        var open = new Option<bool>("--open") { Description = "Only incidents not yet resolved" };
        var last = new Option<int>("--last") { Description = "At most this many, newest first", DefaultValueFactory = _ => 50 };
        var json = JsonOutput.Option();
        var command = new Command("incidents", "Incidents: what was detected, the actions taken and their results, resolution")
        {
            open,
            last,
            json,
        };
        command.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(async () =>
                {
                    await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                    var incidents = await cluster
                        .Grains.GetGrain<IHealthMonitorGrain>(IHealthMonitorGrain.Key)
                        .GetIncidentsAsync(parse.GetValue(open), Math.Max(1, parse.GetValue(last)));
                    if (parse.GetValue(json))
                    {
                        JsonOutput.Write(
                            new
                            {
                                incidents = incidents.Select(i => new
                                {
                                    id = i.Id,
                                    subject = i.Subject,
                                    series = i.Series,
                                    kind = i.Kind,
                                    severity = i.Severity,
                                    evidence = i.Evidence,
                                    detectedUtc = i.DetectedUtc,
                                    actions = i.Actions.Select(a => new
                                    {
                                        action = a.Action,
                                        result = a.Result,
                                        atUtc = a.AtUtc,
                                        detail = a.Detail,
                                    }),
                                    resolvedUtc = i.ResolvedUtc,
                                    escalated = i.Escalated,
                                    lastSeenUtc = i.LastSeenUtc,
                                    lastEvidence = i.LastEvidence,
                                }),
                            }
                        );
                        return 0;
                    }

                    if (incidents.Count == 0)
                    {
                        AnsiConsole.MarkupLine(parse.GetValue(open) ? "[green]no open incidents[/]" : "[green]no incidents[/]");
                        return 0;
                    }

                    var table = new Table().AddColumns("#", "Detected (UTC)", "Subject", "Kind", "Severity", "Actions", "Resolved");
                    foreach (var i in incidents)
                    {
                        var colour = new Style(
                            i.ResolvedUtc is not null ? Color.Green
                            : i.Escalated || i.Severity == Severity.Critical ? Color.Red
                            : Color.Yellow
                        );
                        table.AddRow(
                            new Text(i.Id.ToString(CultureInfo.InvariantCulture)),
                            new Text(i.DetectedUtc.ToString("u", CultureInfo.InvariantCulture)),
                            new Text(i.Subject, colour),
                            new Text(i.Kind),
                            new Text(i.Severity.Text()),
                            new Text(
                                string.Join(
                                    "\n",
                                    i.Actions.Select(a =>
                                        string.Create(CultureInfo.InvariantCulture, $"{a.AtUtc:HH:mm:ss} {a.Action} → {a.Result.Text()}")
                                    )
                                )
                            ),
                            new Text(
                                i.ResolvedUtc is { } r
                                        ? string.Create(
                                            CultureInfo.InvariantCulture,
                                            $"{r:HH:mm:ss} ({(r - i.DetectedUtc).TotalSeconds:F0} s)"
                                        )
                                    : i.Escalated ? "escalated"
                                    : "open",
                                colour
                            )
                        );
                    }

                    AnsiConsole.Write(table);
                    return 0;
                })
        );
        return command;
    }

    private static Command Metrics(ConnectionOptions connection)
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
        command.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(async () =>
                {
                    await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
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
                                    .Select(s => new
                                    {
                                        name = s.Key,
                                        points = s.Value.Select(p => new { atUtc = p.AtUtc, value = p.Value }),
                                    }),
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
                })
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
                new Text(Sparkline(values))
            );
        }

        return table;
    }

    private static string Format(double v) =>
        Math.Abs(v) >= 100 ? v.ToString("F0", CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Sparkline(IReadOnlyList<double> values)
    {
        const string bars = "▁▂▃▄▅▆▇█";
        var (min, max) = (values.Min(), values.Max());
        return string.Concat(
            values.Select(v => bars[max - min < 1e-12 ? 0 : (int)Math.Round((v - min) / (max - min) * (bars.Length - 1))])
        );
    }

    private static Command Sim(ConnectionOptions connection)
    {
        var sim = new Command("sim", "Drills against the built-in simulator (Embedded profile only)");
        var api = new Option<string?>("--api") { Description = "The simulated API: odds" };
        var agent = new Option<string?>("--agent") { Description = "Instead of an API: make this agent's ticks throw" };
        var kind = new Option<string>("--kind")
        {
            Description = string.Join(" | ", FaultRequest.Kinds),
            DefaultValueFactory = _ => "http500",
        };
        var seconds = new Option<double>("--seconds") { Description = "How long the fault lasts", DefaultValueFactory = _ => 30 };
        var latency = new Option<double?>("--latency-ms") { Description = "Delay per call for --kind latency (default 3000)" };
        var fault = new Command(
            "fault",
            "Inject a fault for N seconds: into the odds simulator (--api odds --kind K) or an agent (--agent NAME)"
        )
        {
            api,
            agent,
            kind,
            seconds,
            latency,
        };
        fault.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(async () =>
                {
                    var target = (parse.GetValue(api), parse.GetValue(agent)) switch
                    {
                        (null, { } a) => "agent:" + a,
                        ({ } a, null) => a,
                        (null, null) => throw new UsageException("say what to break: --api odds or --agent NAME"),
                        _ => throw new UsageException("--api and --agent exclude each other"),
                    };
                    if (parse.GetValue(agent) is null && !FaultRequest.Kinds.Contains(parse.GetValue(kind)))
                    {
                        throw new UsageException($"--kind {parse.GetValue(kind)}: one of {string.Join(", ", FaultRequest.Kinds)}");
                    }

                    await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                    try
                    {
                        var answer = await cluster
                            .Grains.GetGrain<ISimulatorControlGrain>("control")
                            .InjectFaultAsync(
                                new FaultRequest(
                                    target,
                                    parse.GetValue(kind) ?? "http500",
                                    parse.GetValue(seconds),
                                    parse.GetValue(latency)
                                )
                            );
                        AnsiConsole.MarkupLine($"[yellow]{answer.EscapeMarkup()}[/]");
                        return 0;
                    }
                    catch (Exception e) when (e is InvalidOperationException or ArgumentException)
                    {
                        throw new UsageException(e.Message);
                    }
                })
        );
        var clear = new Command("clear", "End any fault injected into the simulator now");
        clear.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(async () =>
                {
                    await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                    try
                    {
                        AnsiConsole.MarkupLine(
                            (await cluster.Grains.GetGrain<ISimulatorControlGrain>("control").ClearFaultsAsync()).EscapeMarkup()
                        );
                        return 0;
                    }
                    catch (InvalidOperationException e)
                    {
                        throw new UsageException(e.Message);
                    }
                })
        );
        sim.Subcommands.Add(fault);
        sim.Subcommands.Add(clear);
        return sim;
    }
}
