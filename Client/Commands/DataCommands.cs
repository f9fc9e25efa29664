using Orleans.Betting.Market;

namespace Orleans.Betting.Client.Commands;

/// <summary><c>data import|download|generate|list</c>: market data into league-season grains.</summary>
public static class DataCommands
{
    public static Command Create(ConnectionOptions connection)
    {
        var data = new Command("data", "Import, download, generate and list market data");
        data.Subcommands.Add(Import(connection));
        data.Subcommands.Add(Download(connection));
        data.Subcommands.Add(Generate(connection));
        data.Subcommands.Add(List(connection));
        return data;
    }

    private static Command Import(ConnectionOptions connection)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "CSV files or folders (searched recursively for *.csv)",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = JsonOutput.Option();
        var command = new Command("import", "Import football-data.co.uk CSV files") { paths, json };
        command.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(
                    async () =>
                    {
                        var files = ExpandPaths(parse.GetValue(paths) ?? []);
                        await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                        var importer = cluster.Grains.GetGrain<IMarketImportGrain>(0);
                        var reports = await RunWithProgressAsync(
                            parse.GetValue(json),
                            files
                                .Select(f =>
                                    (
                                        Path.GetFileName(f),
                                        (Func<Task<FileImportReport>>)(
                                            async () =>
                                                await importer.ImportCsvAsync(Path.GetFileName(f), await File.ReadAllBytesAsync(f, ct), ct)
                                        )
                                    )
                                )
                                .ToArray()
                        );
                        return Summarize(reports, parse.GetValue(json));
                    },
                    parse
                )
        );
        return command;
    }

    private static Command Download(ConnectionOptions connection)
    {
        var league = new Option<string>("--league") { Description = "football-data division code, e.g. E0", Required = true };
        var seasons = new Option<string>("--seasons") { Description = "e.g. 2015-2016..2023-2024", Required = true };
        var json = JsonOutput.Option();
        var command = new Command("download", "Download seasons from football-data (base URL: Betting:FootballData:BaseUrl on the silo)")
        {
            league,
            seasons,
            json,
        };
        command.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(
                    async () =>
                    {
                        var code = parse.GetValue(league)!.Trim();
                        var list = SeasonRange.Parse(parse.GetValue(seasons)!);
                        await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                        var importer = cluster.Grains.GetGrain<IMarketImportGrain>(0);
                        var reports = await RunWithProgressAsync(
                            parse.GetValue(json),
                            list.Select(season =>
                                    ($"{code} {season}", (Func<Task<FileImportReport>>)(() => importer.DownloadAsync(code, season, ct)))
                                )
                                .ToArray()
                        );
                        return Summarize(reports, parse.GetValue(json));
                    },
                    parse
                )
        );
        return command;
    }

    private static Command Generate(ConnectionOptions connection)
    {
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same market)", Required = true };
        var leagues = new Option<int>("--leagues")
        {
            Description = "How many synthetic leagues (S1, S2, ...)",
            DefaultValueFactory = _ => 1,
        };
        var seasons = new Option<string>("--seasons") { Description = "e.g. 2015-2016..2020-2021", Required = true };
        var plant = new Option<string>("--plant")
        {
            Description = "none (edge-free control), stale-book (the demo) or value-book:edge=0.04,share=0.15 (a sized plant)",
            DefaultValueFactory = _ => "none",
        };
        var teams = new Option<int>("--teams") { Description = "Teams per league (even)", DefaultValueFactory = _ => 20 };
        var json = JsonOutput.Option();
        var command = new Command("generate", "Generate a synthetic market (deterministic by seed)")
        {
            seed,
            leagues,
            seasons,
            plant,
            teams,
            json,
        };
        command.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(
                    async () =>
                    {
                        var request = new SyntheticMarketRequest(
                            parse.GetValue(seed),
                            parse.GetValue(leagues),
                            SeasonRange.Parse(parse.GetValue(seasons)!),
                            parse.GetValue(plant)!,
                            parse.GetValue(teams)
                        );
                        await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                        SyntheticImportReport report = null!;
                        if (parse.GetValue(json))
                        {
                            report = await cluster.Grains.GetGrain<IMarketImportGrain>(0).GenerateAsync(request, ct);
                            JsonOutput.Write(report);
                            return 0;
                        }

                        await AnsiConsole
                            .Status()
                            .StartAsync(
                                $"Generating {request.Leagues} league(s) × {request.Seasons.Count} season(s)...",
                                async _ => report = await cluster.Grains.GetGrain<IMarketImportGrain>(0).GenerateAsync(request, ct)
                            );
                        var table = new Table().AddColumns("Season", "Added", "Updated", "Unchanged", "Matches");
                        foreach (var s in report.Seasons)
                        {
                            table.AddRow(s.Key, s.Added.ToString(), s.Updated.ToString(), s.Unchanged.ToString(), s.Total.ToString());
                        }

                        AnsiConsole.Write(table);
                        AnsiConsole.MarkupLine(
                            $"seed [bold]{report.Seed}[/], plant [bold]{report.Plant}[/]: {report.Matches} matches, {report.Quotes} quotes"
                        );
                        return 0;
                    },
                    parse
                )
        );
        return command;
    }

    private static Command List(ConnectionOptions connection)
    {
        var json = JsonOutput.Option();
        var command = new Command("list", "List the league-seasons the cluster holds") { json };
        command.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var seasons = await cluster.Grains.GetGrain<IMarketCatalogGrain>(IMarketCatalogGrain.Key).ListAsync();
                if (parse.GetValue(json))
                {
                    JsonOutput.Write(new { seasons });
                    return 0;
                }

                var table = new Table().AddColumns("League", "Season", "Matches", "Quotes", "From", "To", "Source");
                foreach (var s in seasons)
                {
                    table.AddRow(
                        s.League,
                        s.Season,
                        s.Matches.ToString(),
                        s.Quotes.ToString(),
                        $"{s.FirstKickoffUtc:yyyy-MM-dd}",
                        $"{s.LastKickoffUtc:yyyy-MM-dd}",
                        s.Source.EscapeMarkup()
                    );
                }

                AnsiConsole.Write(table);
                return 0;
            }
        );
        return command;
    }

    private static string[] ExpandPaths(string[] paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.GetFiles(path, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new UsageException($"'{path}' is neither a file nor a folder");
            }
        }

        return files.Count > 0 ? files.ToArray() : throw new UsageException("no CSV files found in the given paths");
    }

    /// <summary>Runs one task per item with a progress bar (or silently with --json); a failing item is reported, the rest go on.</summary>
    private static async Task<List<(string Name, FileImportReport? Report, string? Error)>> RunWithProgressAsync(
        bool quiet,
        (string Name, Func<Task<FileImportReport>> Run)[] items
    )
    {
        var results = new List<(string, FileImportReport?, string?)>();
        async Task RunAll(Action<string>? advance)
        {
            foreach (var (name, run) in items)
            {
                try
                {
                    results.Add((name, await run(), null));
                }
                catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
                {
                    results.Add((name, null, CommandRunner.Describe(e)));
                }

                advance?.Invoke(name);
            }
        }

        if (quiet)
        {
            await RunAll(null);
            return results;
        }

        await AnsiConsole
            .Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("importing", maxValue: items.Length);
                await RunAll(name =>
                {
                    task.Description = name.EscapeMarkup();
                    task.Increment(1);
                });
            });
        return results;
    }

    private static int Summarize(List<(string Name, FileImportReport? Report, string? Error)> results, bool json)
    {
        var reports = results.Where(r => r.Report is not null).Select(r => r.Report!).ToArray();
        var rowsRead = reports.Sum(r => r.RowsRead);
        var imported = reports.Sum(r => r.RowsImported);
        var rejected = reports.Sum(r => r.RowsRejected);
        var failures = results.Where(r => r.Error is not null).Select(r => new { file = r.Name, error = r.Error }).ToArray();
        if (json)
        {
            JsonOutput.Write(
                new
                {
                    files = reports.Length,
                    rowsRead,
                    imported,
                    rejected,
                    rejections = reports
                        .SelectMany(r => r.Problems)
                        .Select(p => new
                        {
                            file = p.File,
                            line = p.Line,
                            field = p.Field,
                            reason = p.Reason,
                            rowRejected = p.RowRejected,
                        }),
                    seasons = reports.SelectMany(r => r.Seasons),
                    failures,
                }
            );
        }
        else
        {
            var table = new Table().AddColumns("File", "Rows", "Imported", "Rejected", "Seasons");
            foreach (var r in reports)
            {
                table.AddRow(
                    r.File.EscapeMarkup(),
                    r.RowsRead.ToString(),
                    r.RowsImported.ToString(),
                    r.RowsRejected > 0 ? $"[red]{r.RowsRejected}[/]" : "0",
                    string.Join(", ", r.Seasons.Select(s => $"{s.Key} (+{s.Added} ~{s.Updated} ={s.Unchanged})")).EscapeMarkup()
                );
            }

            AnsiConsole.Write(table);
            foreach (var problem in reports.SelectMany(r => r.Problems).Take(50))
            {
                AnsiConsole.MarkupLine($"[{(problem.RowRejected ? "red" : "yellow")}]{problem.ToString().EscapeMarkup()}[/]");
            }

            foreach (var failure in failures)
            {
                AnsiConsole.MarkupLine($"[red]{failure.file.EscapeMarkup()}: {failure.error!.EscapeMarkup()}[/]");
            }

            AnsiConsole.MarkupLine($"rows read [bold]{rowsRead}[/], imported [bold]{imported}[/], rejected [bold]{rejected}[/]");
        }

        // Partial success is success (the good rows are in); nothing at all imported is a failure.
        return imported > 0 || (failures.Length == 0 && rowsRead == 0) ? 0 : 1;
    }
}
