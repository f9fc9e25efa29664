using Orleans.Betting.ExternalApis;
using Orleans.Betting.Market;

namespace Orleans.Betting.Client.Commands;

/// <summary>
/// <c>odds live --sport S [--markets h2h,totals] [--regions uk,eu] [--json]</c>: polls the sport's
/// odds through the cluster's API pool now (High priority) and shows the board — best prices,
/// the line's move at the reference book since it was first seen, and steam moves.
/// </summary>
public static class LiveOddsCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var sport = new Option<string>("--sport") { Description = "The API's sport key, e.g. soccer_epl", Required = true };
        var markets = new Option<string>("--markets")
        {
            Description = "Comma-separated: h2h, totals",
            DefaultValueFactory = _ => "h2h,totals",
        };
        var regions = new Option<string>("--regions")
        {
            Description = "Comma-separated: uk, eu, us, au",
            DefaultValueFactory = _ => "uk,eu",
        };
        var limit = new Option<int>("--events")
        {
            Description = "Show at most this many events (soonest first)",
            DefaultValueFactory = _ => 10,
        };
        var json = JsonOutput.Option();
        var command = new Command("live", "Poll live odds now and show prices, line movement and steam moves")
        {
            sport,
            markets,
            regions,
            limit,
            json,
        };
        command.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(
                    async () =>
                    {
                        var sportKey = parse.GetValue(sport)!.Trim();
                        var request = new LivePollRequest(
                            List(parse.GetValue(regions), "--regions", ["uk", "us", "us2", "eu", "au"]),
                            List(parse.GetValue(markets), "--markets", ["h2h", "totals", "spreads"]),
                            RequestPriority.High
                        );
                        var asJson = parse.GetValue(json);
                        await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                        var live = cluster.Grains.GetGrain<ILiveOddsGrain>(sportKey);

                        LivePollReport report;
                        LiveBoard board;
                        if (asJson)
                        {
                            report = await live.PollAsync(request, ct);
                            board = await live.GetBoardAsync();
                        }
                        else
                        {
                            (report, board) = await AnsiConsole
                                .Status()
                                .StartAsync(
                                    $"polling {sportKey} through the API pool…",
                                    async status =>
                                    {
                                        var r = await live.PollAsync(request, ct);
                                        status.Status("reading event grains…");
                                        return (r, await live.GetBoardAsync());
                                    }
                                );
                        }

                        // Kick-offs are market time: a simulated live market runs years behind the wall clock the fetch is stamped with.
                        var events = LiveBoardWindow.Current(board, report.FetchedUtc, parse.GetValue(limit));
                        if (asJson)
                        {
                            JsonOutput.Write(
                                new
                                {
                                    sport = sportKey,
                                    fetchedUtc = report.FetchedUtc,
                                    fromCache = report.FromCache,
                                    quota = new
                                    {
                                        remaining = report.Quota.Remaining,
                                        used = report.Quota.Used,
                                        last = report.Quota.Last,
                                    },
                                    polls = board.Polls,
                                    priceChanges = report.PriceChanges,
                                    newSteam = report.NewSteam.Count,
                                    events = events.Select(e => new
                                    {
                                        id = e.EventId,
                                        commenceTime = e.CommenceTime,
                                        homeTeam = e.HomeTeam,
                                        awayTeam = e.AwayTeam,
                                        snapshots = e.Snapshots,
                                        lines = e.Lines.Select(l => new
                                        {
                                            market = l.Market,
                                            outcome = l.Outcome,
                                            point = l.Point,
                                            bestPrice = l.BestPrice,
                                            bestBookmaker = l.BestBookmaker,
                                            referenceBookmaker = l.ReferenceBookmaker,
                                            openingPrice = l.ReferenceOpening,
                                            currentPrice = l.ReferenceCurrent,
                                            bookmakers = l.Bookmakers,
                                            priceChanges = l.PriceChanges,
                                        }),
                                        steam = e.Steam.Select(m => new
                                        {
                                            market = m.Market,
                                            outcome = m.Outcome,
                                            point = m.Point,
                                            kind = m.Kind,
                                            bookmakers = m.Bookmakers,
                                            firstMover = m.FirstMover,
                                            fromProbability = m.FromProbability,
                                            toProbability = m.ToProbability,
                                            startedUtc = m.StartedUtc,
                                            detectedUtc = m.DetectedUtc,
                                        }),
                                    }),
                                }
                            );
                            return 0;
                        }

                        var reference = events.SelectMany(e => e.Lines).Select(l => l.ReferenceBookmaker).FirstOrDefault() ?? "-";
                        var table = new Table()
                            .Title($"[bold]{sportKey.EscapeMarkup()}[/] live odds (line move at {reference.EscapeMarkup()})")
                            .AddColumns("Kick-off", "Event", "Outcome", "Best", "Move", "Steam");
                        foreach (var e in events)
                        {
                            var first = true;
                            foreach (var line in e.Lines)
                            {
                                var steam = e
                                    .Steam.Where(m => m.Market == line.Market && m.Outcome == line.Outcome && m.Point == line.Point)
                                    .Select(m =>
                                        $"[{(m.Direction > 0 ? "red" : "blue")}]{m.Kind} ({m.Bookmakers.Count} books, {m.FromProbability:P0}→{m.ToProbability:P0})[/]"
                                    );
                                var move = line.ReferenceCurrent.CompareTo(line.ReferenceOpening) switch
                                {
                                    < 0 => "[red]↓[/]",
                                    > 0 => "[blue]↑[/]",
                                    _ => " ",
                                };
                                table.AddRow(
                                    first ? e.CommenceTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture) : "",
                                    first ? $"{e.HomeTeam} v {e.AwayTeam}".EscapeMarkup() : "",
                                    (
                                        line.Point is { } p ? $"{line.Outcome} {p.ToString(CultureInfo.InvariantCulture)}" : line.Outcome
                                    ).EscapeMarkup(),
                                    $"{line.BestPrice.ToString("0.00", CultureInfo.InvariantCulture)} {line.BestBookmaker.EscapeMarkup()}",
                                    $"{line.ReferenceOpening.ToString("0.00", CultureInfo.InvariantCulture)}→{line.ReferenceCurrent.ToString("0.00", CultureInfo.InvariantCulture)}{move}",
                                    string.Join(" ", steam)
                                );
                                first = false;
                            }
                        }

                        AnsiConsole.Write(table);
                        AnsiConsole.MarkupLine(
                            $"{report.Events} events, {report.PriceChanges} price changes, {report.NewSteam.Count} new steam move(s)"
                                + $"{(report.FromCache ? " (served from cache)" : "")}; credits left [bold]{report.Quota.Remaining?.ToString(CultureInfo.InvariantCulture) ?? "?"}[/], "
                                + $"last call cost {report.Quota.Last?.ToString(CultureInfo.InvariantCulture) ?? "?"}; {board.Polls} polls so far"
                                + (board.Polling is { } polling ? $", polling every {board.PollSeconds:0} s at {polling.Priority}" : "")
                        );
                        return 0;
                    },
                    parse
                )
        );
        return command;
    }

    private static string List(string? text, string option, string[] allowed)
    {
        var items = (text ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant())
            .ToList();
        if (items.Count == 0 || items.FirstOrDefault(i => !allowed.Contains(i)) is { } bad)
        {
            throw new UsageException($"{option}: '{text}' — expected a comma-separated list of {string.Join(", ", allowed)}");
        }

        return string.Join(',', items);
    }
}
