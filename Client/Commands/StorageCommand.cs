using Orleans.Betting.Storage;

namespace Orleans.Betting.Client.Commands;

/// <summary><c>storage</c>: what the cluster stores — rows and bytes per grain type, the largest records, writes per minute.</summary>
public static class StorageCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var json = JsonOutput.Option();
        var command = new Command(
            "storage",
            "Rows and bytes per grain type, the ten largest records, and writes per minute (the figure to watch)"
        )
        {
            json,
        };
        command.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var asJson = parse.GetValue(json);
                if (!asJson)
                {
                    AnsiConsole.MarkupLine("[grey]reading the grain-state table twice, a few seconds apart, for the write rate…[/]");
                }

                var report = await cluster.Grains.GetGrain<IStorageReportGrain>(0).GetAsync(ct);
                if (asJson)
                {
                    JsonOutput.Write(
                        new
                        {
                            database = report.Database,
                            grainTypes = report.GrainTypes.Select(t => new
                            {
                                type = t.Type,
                                rows = t.Rows,
                                bytes = t.Bytes,
                            }),
                            largest = report.Largest.Select(r => new
                            {
                                type = r.Type,
                                key = r.Key,
                                bytes = r.Bytes,
                                lastWriteUtc = r.LastWriteUtc,
                                version = r.Version,
                            }),
                            writesPerMinute = report.WritesPerMinute,
                            bytesWrittenPerMinute = report.BytesWrittenPerMinute,
                            measuredSeconds = report.MeasuredSeconds,
                            totalBytes = report.TotalBytes,
                            totalRows = report.TotalRows,
                            atUtc = report.AtUtc,
                        }
                    );
                    return 0;
                }

                var types = new Table().AddColumns("Grain type", "Rows", "Bytes");
                foreach (var t in report.GrainTypes)
                {
                    types.AddRow(
                        t.Type.EscapeMarkup(),
                        t.Rows.ToString("N0", CultureInfo.InvariantCulture),
                        t.Bytes.ToString("N0", CultureInfo.InvariantCulture)
                    );
                }

                AnsiConsole.Write(types);
                var largest = new Table().AddColumns("Largest records", "Key", "Bytes", "Last write", "Version");
                foreach (var r in report.Largest)
                {
                    largest.AddRow(
                        r.Type.EscapeMarkup(),
                        r.Key.EscapeMarkup(),
                        r.Bytes.ToString("N0", CultureInfo.InvariantCulture),
                        r.LastWriteUtc.ToString("u", CultureInfo.InvariantCulture),
                        r.Version.ToString(CultureInfo.InvariantCulture)
                    );
                }

                AnsiConsole.Write(largest);
                AnsiConsole.MarkupLine(
                    $"{report.Database.EscapeMarkup()}: {report.TotalRows:N0} records, {report.TotalBytes:N0} bytes; "
                        + $"[bold]{report.WritesPerMinute.ToString("0.#", CultureInfo.InvariantCulture)} writes a minute[/], "
                        + $"about {report.BytesWrittenPerMinute.ToString("N0", CultureInfo.InvariantCulture)} bytes a minute (over {report.MeasuredSeconds:0} s)"
                );
                return 0;
            }
        );
        return command;
    }
}
