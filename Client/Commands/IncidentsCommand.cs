using Orleans.Betting.Health;
using Orleans.Betting.Operations;

namespace Orleans.Betting.Client.Commands;

/// <summary>`incidents`: detected → actions (result) → resolved.</summary>
public static class IncidentsCommand
{
    public static Command Create(ConnectionOptions connection)
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
        command.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var incidents = await OperatorReads.IncidentsAsync(cluster.Grains, parse.GetValue(open), parse.GetValue(last));
                if (parse.GetValue(json))
                {
                    JsonOutput.Write(new { incidents });
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
                                    ? string.Create(CultureInfo.InvariantCulture, $"{r:HH:mm:ss} ({(r - i.DetectedUtc).TotalSeconds:F0} s)")
                                : i.Escalated ? "escalated"
                                : "open",
                            colour
                        )
                    );
                }

                AnsiConsole.Write(table);
                return 0;
            }
        );
        return command;
    }
}
