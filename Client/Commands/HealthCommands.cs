using Orleans.Betting.Health;

namespace Orleans.Betting.Client.Commands;

/// <summary><c>health</c> (the connectivity graph), <c>incidents</c>, <c>metrics</c> (the monitored series) and <c>sim fault|clear</c> (drills, Embedded only).</summary>
public static class HealthCommands
{
    public static IEnumerable<Command> Create(ConnectionOptions connection)
    {
        yield return Health(connection);
        yield return IncidentsCommand.Create(connection);
        yield return MetricsCommand.Create(connection);
        yield return SimCommand.Create(connection);
    }

    private static Command Health(ConnectionOptions connection)
    {
        var json = JsonOutput.Option();
        var command = new Command("health", "The connectivity graph: every component, its status, latency, dependencies and last error")
        {
            json,
        };
        command.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var graph = await cluster.Grains.GetGrain<IConnectivityGrain>(IConnectivityGrain.Key).GetGraphAsync();
                var hosts = await cluster.Grains.GetGrain<IConnectivityGrain>(IConnectivityGrain.Key).GetHostsAsync();
                if (parse.GetValue(json))
                {
                    JsonOutput.Write(
                        new
                        {
                            lastAuditUtc = graph.LastAuditUtc,
                            // Each silo's host: MB, bytes per second, errors per minute.
                            hosts = hosts.Select(h => new
                            {
                                silo = h.Silo,
                                atUtc = h.AtUtc,
                                dataDirectory = h.DataDirectory,
                                diskFreeMb = h.DiskFreeMb is { } free ? Math.Round(free, 1) : (double?)null,
                                diskTotalMb = h.DiskTotalMb is { } total ? Math.Round(total, 1) : (double?)null,
                                dataMb = Math.Round(h.DataMb, 2),
                                netSentBytesPerSecond = h.NetSentBytesPerSecond is { } sent ? Math.Round(sent) : (double?)null,
                                netReceivedBytesPerSecond = h.NetReceivedBytesPerSecond is { } received
                                    ? Math.Round(received)
                                    : (double?)null,
                                netErrorsPerMinute = h.NetErrorsPerMinute,
                            }),
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
                // Each component in full once; where another also depends on it, a reference (storage was printed 8 times).
                var shown = new HashSet<string>(StringComparer.Ordinal);
                foreach (var root in graph.Components.Where(c => !dependedOn.Contains(c.Name)))
                {
                    shown.Add(root.Name);
                    AddNode(tree.AddNode(Label(root)), root, byName, shown);
                }

                AnsiConsole.Write(tree);
                var counts = graph.Components.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Count());
                AnsiConsole.MarkupLine(
                    $"[green]{counts.GetValueOrDefault(ComponentStatus.Healthy)} healthy[/], [yellow]{counts.GetValueOrDefault(ComponentStatus.Degraded)} degraded[/], [red]{counts.GetValueOrDefault(ComponentStatus.Unhealthy)} unhealthy[/]"
                );
                foreach (var h in hosts)
                {
                    var disk =
                        h.DiskFreeMb is { } free && h.DiskTotalMb is { } total and > 0
                            ? $"disk {free / 1024:F1} of {total / 1024:F1} GB free"
                            : "disk -";
                    var net =
                        h.NetSentBytesPerSecond is { } sent && h.NetReceivedBytesPerSecond is { } received
                            ? $"net {(sent + received) / 1024:F1} KB/s, {h.NetErrorsPerMinute?.ToString("0.#", CultureInfo.InvariantCulture) ?? "-"} errors/min"
                            : "net -";
                    AnsiConsole.MarkupLine($"host {h.Silo.EscapeMarkup()}: {disk}, data {h.DataMb:F1} MB, {net}");
                }

                return 0;
            }
        );
        return command;
    }

    private static void AddNode(TreeNode node, ComponentHealth component, Dictionary<string, ComponentHealth> byName, HashSet<string> shown)
    {
        foreach (var dependency in component.DependsOn)
        {
            if (!byName.TryGetValue(dependency, out var child))
            {
                node.AddNode(new Paragraph().Append(dependency + " (not reported)", new Style(Color.Grey)));
                continue;
            }

            if (!shown.Add(dependency))
            {
                node.AddNode(new Paragraph().Append($"→ {dependency} ({child.Status}, above)", new Style(Color.Grey)));
                continue;
            }

            AddNode(node.AddNode(Label(child)), child, byName, shown);
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
}
