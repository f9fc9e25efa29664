using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Views;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Ledger;
using Orleans.Betting.Market;
using Orleans.Betting.Operations;

namespace Orleans.Betting.Client.Commands;

/// <summary><c>live status</c>: the live market the agents trade — events per sport, mapping, decisions ahead, open bets, feed lag, credits.</summary>
public static class LiveCommands
{
    public static Command Create(ConnectionOptions connection)
    {
        var live = new Command("live", "The live market the agents trade");
        var json = JsonOutput.Option();
        var sportsOption = new Option<string?>("--sport")
        {
            Description = "Sport keys, comma-separated (default: the ones the orchestrator trades)",
        };
        var status = new Command("status", "Events tracked per sport, unmapped teams, next decision, open bets, feed lag, credits")
        {
            json,
            sportsOption,
        };
        status.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var named = parse.GetValue(sportsOption) is { } list
                    ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : null;
                var view = await OperatorReads.LiveAsync(cluster.Grains, named);
                if (parse.GetValue(json))
                {
                    JsonOutput.Write(view);
                    return 0;
                }

                AnsiConsole.MarkupLine(
                    $"market time [bold]{view.MarketTimeUtc?.ToString("u", CultureInfo.InvariantCulture) ?? "-"}[/] (×{view.ClockSpeed.ToString("0.##", CultureInfo.InvariantCulture)}): {(view.State ?? "-").EscapeMarkup()}"
                );
                if (view.Missing is { } missing)
                {
                    AnsiConsole.MarkupLine($"[yellow]not trading live: {missing.EscapeMarkup()}[/]");
                }

                var table = new Table().AddColumns("Sport", "Lg", "Events", "Mapped", "Unmapped", "Next", "Polled");
                foreach (var m in view.Sports)
                {
                    table.AddRow(
                        m.Sport.EscapeMarkup(),
                        (m.League ?? "-").EscapeMarkup(),
                        $"{m.Events} ({m.Upcoming} up, {m.AwaitingResults} on)",
                        m.Mapped.ToString(CultureInfo.InvariantCulture),
                        m.Unmapped.Count == 0 ? "-" : string.Join(", ", m.Unmapped).EscapeMarkup(),
                        m.NextDecisionUtc?.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-",
                        m.LastPollUtc?.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-"
                    );
                }

                AnsiConsole.Write(table);
                var c = view.Credits;
                AnsiConsole.MarkupLine(
                    $"open bets {view.OpenBets}; feed lag {(view.FeedLagMarketSeconds is { } l ? string.Create(CultureInfo.InvariantCulture, $"{l:0} market s ({view.FeedLagWallSeconds:0.##} wall s)") : "-")}; "
                        + $"credits used {c.Used?.ToString(CultureInfo.InvariantCulture) ?? "?"}, left {c.Remaining?.ToString(CultureInfo.InvariantCulture) ?? "?"}, "
                        + $"month forecast {c.ForecastMonth?.ToString("0", CultureInfo.InvariantCulture) ?? "?"} of {c.MonthlyCredits?.ToString(CultureInfo.InvariantCulture) ?? "?"} "
                        + $"({(c.Plan ?? "no plan yet").EscapeMarkup()})"
                );
                AnsiConsole.MarkupLine("[grey]times UTC, market time[/]");
                foreach (var problem in view.Sports.SelectMany(m => m.Problems).Take(5))
                {
                    AnsiConsole.MarkupLine($"[yellow]{problem.EscapeMarkup()}[/]");
                }

                return 0;
            }
        );
        live.Subcommands.Add(status);

        var reason = new Option<string>("--reason")
        {
            Description = "Why (kept in the silo's log), e.g. 'bought 20,000 credits'",
            Required = true,
        };
        var resetJson = JsonOutput.Option();
        var quotaReset = new Command(
            "quota-reset",
            "Forget the odds API quota the cluster learned from its headers (after buying credits): polling resumes until the next headers say otherwise"
        )
        {
            reason,
            resetJson,
        };
        quotaReset.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var bucket = cluster.Grains.GetGrain<ITokenBucketGrain>(ApiNames.Odds);
                var before = await bucket.GetStateAsync();
                await bucket.ResetQuotaAsync(parse.GetValue(reason)!);
                if (parse.GetValue(resetJson))
                {
                    JsonOutput.Write(
                        new
                        {
                            api = ApiNames.Odds,
                            remainingBefore = before.QuotaRemaining,
                            reason = parse.GetValue(reason),
                        }
                    );
                    return 0;
                }

                AnsiConsole.MarkupLine(
                    $"odds quota forgotten (it said {before.QuotaRemaining?.ToString(CultureInfo.InvariantCulture) ?? "nothing"} left): calls flow until the next headers"
                );
                return 0;
            }
        );
        live.Subcommands.Add(quotaReset);
        return live;
    }
}
