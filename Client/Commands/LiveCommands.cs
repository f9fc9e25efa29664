using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Views;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Ledger;
using Orleans.Betting.Market;

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
                var orchestrator = (await cluster.Grains.Agent(AgentNames.Orchestrator).GetStatusAsync()).MemoryAs<OrchestratorView>();
                var sports = parse.GetValue(sportsOption) is { } named
                    ? named.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
                    : orchestrator.Live?.Sports.ToList() ?? [];
                var markets = await Task.WhenAll(sports.Select(s => cluster.Grains.GetGrain<ILiveMarketGrain>(s).GetStatusAsync()));
                var ledger = await cluster.Grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).GetReportAsync();
                var bucket = await cluster.Grains.GetGrain<ITokenBucketGrain>(ApiNames.Odds).GetStateAsync();
                var plan = await cluster.Grains.GetGrain<IApiManagerAgent>(AgentNames.ApiManager).QuotaPlanAsync();
                var marketTime = orchestrator.MarketTimeUtc;
                var next = markets.Select(m => m.NextDecisionUtc).OfType<DateTime>().Order().Cast<DateTime?>().FirstOrDefault();
                var lag =
                    markets.Select(m => m.LastPollUtc).OfType<DateTime>().Order().Cast<DateTime?>().FirstOrDefault() is { } oldest
                    && marketTime is { } now
                        ? (now - oldest).TotalSeconds
                        : (double?)null;
                if (parse.GetValue(json))
                {
                    JsonOutput.Write(
                        new
                        {
                            marketTime,
                            state = orchestrator.Live?.Describe(),
                            sports = markets.Select(m => new
                            {
                                sport = m.Sport,
                                league = m.League,
                                events = m.Events,
                                mapped = m.Mapped,
                                unmapped = m.Unmapped,
                                lastPollUtc = m.LastPollUtc,
                                upcoming = m.Upcoming,
                                awaitingResults = m.Awaiting,
                                nextDecisionUtc = m.NextDecisionUtc,
                                settled = m.Settled,
                                voided = m.Voided,
                                skippedQuotes = m.SkippedQuotes,
                                layQuotes = m.LayQuotes,
                                badPrices = m.BadPrices,
                                scoresError = m.ScoresError,
                                problems = m.RecentProblems,
                            }),
                            openBets = ledger.Open,
                            nextDecisionUtc = next,
                            feedLagSeconds = lag,
                            credits = new
                            {
                                used = bucket.QuotaUsed,
                                remaining = bucket.QuotaRemaining,
                                forecastMonth = plan?.ForecastMonth,
                                monthlyCredits = plan?.MonthlyCredits,
                                reserve = plan?.Reserve,
                                pollMinutes = plan?.IntervalMinutes,
                                plan = plan?.State,
                                monthEndUtc = plan?.MonthEndUtc,
                            },
                        }
                    );
                    return 0;
                }

                AnsiConsole.MarkupLine(
                    $"market time [bold]{marketTime?.ToString("u", CultureInfo.InvariantCulture) ?? "-"}[/]: {(orchestrator.Live?.Describe() ?? "-").EscapeMarkup()}"
                );
                var table = new Table().AddColumns(
                    "Sport",
                    "League",
                    "Events",
                    "Mapped",
                    "Unmapped",
                    "Upcoming",
                    "Awaiting",
                    "Next decision",
                    "Last poll"
                );
                foreach (var m in markets)
                {
                    table.AddRow(
                        m.Sport.EscapeMarkup(),
                        m.League ?? "-",
                        m.Events.ToString(CultureInfo.InvariantCulture),
                        m.Mapped.ToString(CultureInfo.InvariantCulture),
                        m.Unmapped.Count == 0 ? "-" : string.Join(", ", m.Unmapped).EscapeMarkup(),
                        m.Upcoming.ToString(CultureInfo.InvariantCulture),
                        m.Awaiting.ToString(CultureInfo.InvariantCulture),
                        m.NextDecisionUtc?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-",
                        m.LastPollUtc?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-"
                    );
                }

                AnsiConsole.Write(table);
                AnsiConsole.MarkupLine(
                    $"open bets {ledger.Open}; feed lag {(lag is { } l ? $"{l:0} s" : "-")}; credits used {bucket.QuotaUsed?.ToString(CultureInfo.InvariantCulture) ?? "?"}, "
                        + $"left {bucket.QuotaRemaining?.ToString(CultureInfo.InvariantCulture) ?? "?"}, month forecast "
                        + $"{plan?.ForecastMonth.ToString("0", CultureInfo.InvariantCulture) ?? "?"} of {plan?.MonthlyCredits.ToString(CultureInfo.InvariantCulture) ?? "?"} "
                        + $"({(plan?.State ?? "no plan yet").EscapeMarkup()})"
                );
                foreach (var problem in markets.SelectMany(m => m.RecentProblems).TakeLast(5))
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
        var quotaReset = new Command(
            "quota-reset",
            "Forget the odds API quota the cluster learned from its headers (after buying credits): polling resumes until the next headers say otherwise"
        )
        {
            reason,
        };
        quotaReset.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var bucket = cluster.Grains.GetGrain<ITokenBucketGrain>(ApiNames.Odds);
                var before = await bucket.GetStateAsync();
                await bucket.ResetQuotaAsync(parse.GetValue(reason)!);
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
