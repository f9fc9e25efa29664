using Orleans.Betting.Operations;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Client.Commands;

public static partial class SwarmCommands
{
    private static Command Picks(ConnectionOptions connection)
    {
        var run = new Option<string?>("--run")
        {
            Description = "Run id whose consensus picks to show (default: the agents' recent picks, else the latest finished run)",
        };
        var date = new Option<string?>("--date") { Description = "Only picks for this kick-off date (yyyy-MM-dd)" };
        var json = JsonOutput.Option();
        var csv = new Option<bool>("--csv") { Description = "Print the picks as CSV instead of a table" };
        var picks = new Command("picks", "The agents' recent picks and what became of each (or a swarm run's with --run)")
        {
            run,
            date,
            json,
            csv,
        };
        picks.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                DateOnly? day = null;
                if (parse.GetValue(date) is { } text)
                {
                    day = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                        ? d
                        : throw new UsageException($"--date '{text}': a kick-off date as yyyy-MM-dd");
                }

                var view =
                    await OperatorReads.PicksAsync(cluster.Grains, parse.GetValue(run), day)
                    ?? throw new UsageException(
                        "no picks yet: the agents have made none (they pick as events come due) and no swarm run has finished (swarm run ...)"
                    );
                if (parse.GetValue(csv))
                {
                    Console.Out.Write(CsvExport.Picks(view.Picks));
                }
                else if (parse.GetValue(json))
                {
                    JsonOutput.Write(view);
                }
                else
                {
                    RenderPicks(view);
                }

                return 0;
            }
        );
        return picks;
    }

    private static void RenderPicks(PicksView view, bool marketLine = true)
    {
        var table = new Table().Title($"Picks from {view.From}").AddColumns("When", "Match", "Bet", "P, edge", "Stake", "Votes", "Outcome");
        foreach (var p in view.Picks)
        {
            table.AddRow(
                p.KickoffUtc.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture),
                LedgerCommands.Spaced(p.MatchId.Split('/')[^1]).EscapeMarkup(),
                $"{p.Selection.EscapeMarkup()} {(p.PlacedPrice ?? p.Price).ToString("F2", CultureInfo.InvariantCulture)}",
                $"{p.Probability.ToString("P0", CultureInfo.InvariantCulture)} {p.Edge.ToString("+0%;-0%", CultureInfo.InvariantCulture)} {p.Tier.Split(' ')[0].EscapeMarkup()}",
                p.Stake.ToString("F1", CultureInfo.InvariantCulture),
                $"{p.VotesFor}/{p.VotesAgainst}/{p.Absent}",
                (p.Outcome is null ? "-" : p.Outcome + (p.Detail is { } why ? ": " + why : "")).EscapeMarkup()
            );
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]Votes = for/against/absent; edge = probability × price − 1; times UTC (market time)[/]");
        if (marketLine)
        {
            LedgerCommands.MarketLine(view.Market);
        }
    }
}
