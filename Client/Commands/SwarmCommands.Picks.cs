using Orleans.Betting.Swarms;

namespace Orleans.Betting.Client.Commands;

public static partial class SwarmCommands
{
    private static Command Picks(ConnectionOptions connection)
    {
        var run = new Option<string?>("--run") { Description = "Run id whose consensus picks to show (default: the latest finished run)" };
        var date = new Option<string?>("--date") { Description = "Only picks for this kick-off date (yyyy-MM-dd)" };
        var json = JsonOutput.Option();
        var picks = new Command("picks", "Show consensus picks") { run, date, json };
        picks.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var runId =
                    parse.GetValue(run)
                    ?? await cluster.Grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).LatestRunAsync()
                    ?? throw new UsageException("no swarm run has finished yet; start one with: swarm run ...");
                var status = await cluster.Grains.GetGrain<ISwarmRunGrain>(runId).GetStatusAsync();
                var list = (status.Consensus?.Picks ?? [])
                    .Where(p => parse.GetValue(date) is not { } d || p.KickoffUtc.ToString("yyyy-MM-dd") == d)
                    .ToArray();
                if (parse.GetValue(json))
                {
                    JsonOutput.Write(new { picks = list });
                }
                else
                {
                    RenderPicks(list);
                }

                return 0;
            }
        );
        return picks;
    }

    private static void RenderPicks(IReadOnlyList<Pick> picks)
    {
        var table = new Table()
            .Title("Picks")
            .AddColumns("Kick-off (UTC)", "Match", "Pick", "Price", "Book", "P", "Edge", "Tier", "Stake", "For/Against/Absent");
        foreach (var p in picks)
        {
            table.AddRow(
                p.KickoffUtc.ToString("yyyy-MM-dd HH:mm"),
                p.MatchId.EscapeMarkup(),
                p.Selection.Text,
                p.Price.ToString("F2"),
                p.Source.Text,
                p.Probability.ToString("P1"),
                p.Edge.ToString("P1"),
                p.Tier,
                p.Stake.ToString("F2"),
                $"{p.VotesFor}/{p.VotesAgainst}/{p.Absent}"
            );
        }

        AnsiConsole.Write(table);
    }
}
