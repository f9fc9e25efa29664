using Orleans.Betting.Agents;
using Orleans.Betting.Clock;
using Orleans.Betting.Ledger;
using Orleans.Betting.Operations;

namespace Orleans.Betting.Client.Commands;

/// <summary>`clock`, `ledger`, `report` and `insights`: the market clock, the paper bets and what they say.</summary>
public static class LedgerCommands
{
    public static IEnumerable<Command> Create(ConnectionOptions connection) =>
        [Clock(connection), Ledger(connection), Report(connection), InsightsCommand(connection)];

    private static Command Clock(ConnectionOptions connection)
    {
        var clock = new Command("clock", "The market clock");
        var json = JsonOutput.Option();
        var status = new Command("status", "Simulated time, speed and market") { json };
        status.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var c = await cluster.Grains.GetGrain<IMarketClockGrain>(IMarketClockGrain.Key).GetAsync();
                if (c.Mode != ClockStatus.ReplayMode && await OperatorReads.MarketAsync(cluster.Grains) is { MarketTimeUtc: { } now } live)
                {
                    // Live: the market's own clock (the simulator's, accelerated) is the one that counts, not the idle replay clock.
                    c = c with
                    {
                        NowUtc = now,
                        Speed = live.Speed,
                        Market = live.Text,
                    };
                }

                if (parse.GetValue(json))
                {
                    JsonOutput.Write(c);
                    return 0;
                }

                AnsiConsole.MarkupLine(
                    $"[bold]{c.NowUtc:u}[/] ({c.Mode}, ×{c.Speed.ToString("0.##", CultureInfo.InvariantCulture)} market seconds a wall second{(c.Paused ? ", paused" : "")}) "
                        + (
                            c.Mode == ClockStatus.ReplayMode
                                ? $"from {c.StartUtc:yyyy-MM-dd}{(c.EndUtc is { } end ? $" to {end:yyyy-MM-dd}" : "")}; "
                                : ""
                        )
                        + $"market {c.Market.EscapeMarkup()}"
                );
                return 0;
            }
        );
        clock.Subcommands.Add(status);
        return clock;
    }

    private static Command Ledger(ConnectionOptions connection)
    {
        var json = JsonOutput.Option();
        var last = new Option<int>("--last") { Description = "Show the newest N bets", DefaultValueFactory = _ => 30 };
        var csv = new Option<bool>("--csv") { Description = "Print every bet as CSV (one row per bet) instead of tables" };
        var ledger = new Command("ledger", "The paper bets: open and settled, each with why it was placed") { json, last, csv };
        ledger.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var view = await OperatorReads.LedgerAsync(cluster.Grains);
                if (parse.GetValue(csv))
                {
                    Console.Out.Write(CsvExport.Ledger(view.Bets));
                    return 0;
                }

                if (parse.GetValue(json))
                {
                    JsonOutput.Write(view);
                    return 0;
                }

                // Narrow columns whose text wraps at spaces: the table fits 80 columns (every figure is in --json).
                var table = new Table().AddColumns("When", "Match", "Bet", "Stake", "Result", "CLV", "Why");
                foreach (var b in view.Bets.TakeLast(Math.Max(1, parse.GetValue(last))))
                {
                    var colour = b.Status switch
                    {
                        nameof(BetStatus.Won) or nameof(BetStatus.HalfWon) => "green",
                        nameof(BetStatus.Lost) or nameof(BetStatus.HalfLost) => "red",
                        _ => "grey",
                    };
                    table.AddRow(
                        b.KickoffUtc.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture),
                        Spaced(b.Match).EscapeMarkup(),
                        $"{b.Outcome.EscapeMarkup()} {b.Price.ToString("0.00", CultureInfo.InvariantCulture)}",
                        b.Stake.ToString("0.0", CultureInfo.InvariantCulture),
                        $"[{colour}]{b.Status}[/] {b.Profit.ToString("+0.0;-0.0;0", CultureInfo.InvariantCulture)}",
                        b.Clv?.ToString("+0%;-0%;0%", CultureInfo.InvariantCulture) ?? "-",
                        ShortWhy(b).EscapeMarkup()
                    );
                }

                AnsiConsole.Write(table);
                AnsiConsole.MarkupLine(
                    $"{view.Total} bets, {view.Open} open; kick-off times UTC. Why = model probability, edge at the price, tier, voters (ledger --json has the bookmaker and every figure)."
                );
                MarketLine(view.Market);
                return 0;
            }
        );
        return ledger;
    }

    /// <summary>
    /// "Home-Away" with the middle hyphen spaced, so a narrow column wraps between the teams; team names
    /// may hold hyphens themselves ("S1-T08-S1-T13" → "S1-T08 - S1-T13"), so the middle one of an odd
    /// count is the separator, and with an even count every hyphen is spaced.
    /// </summary>
    public static string Spaced(string match)
    {
        var parts = match.Split('-');
        return parts.Length % 2 == 0
            ? string.Join('-', parts[..(parts.Length / 2)]) + " - " + string.Join('-', parts[(parts.Length / 2)..])
            : match.Replace("-", " - ", StringComparison.Ordinal);
    }

    /// <summary>The reason in a narrow column: "p 48% +6% high 3v".</summary>
    private static string ShortWhy(BetView b) =>
        b.Probability is not { } p
            ? $"{b.Strategies.Count}v"
            : string.Create(CultureInfo.InvariantCulture, $"p {p:P0} {b.Edge:+0%;-0%} {b.Tier?.Split(' ')[0] ?? ""} {b.Strategies.Count}v");

    /// <summary>Every money screen says which market it is, and a demo says where its profit comes from.</summary>
    internal static void MarketLine(MarketLabel market) =>
        AnsiConsole.MarkupLine(
            market.IsDemo
                ? $"[yellow]demo market: {market.Text.EscapeMarkup()}; its profit is the plant's, not skill[/]"
                : $"[grey]market: {market.Text.EscapeMarkup()}[/]"
        );

    private static Command Report(ConnectionOptions connection)
    {
        var json = JsonOutput.Option();
        var png = new Option<string?>("--png") { Description = "Also draw the equity curve into this PNG file" };
        var report = new Command("report", "Bankroll, bets, profit, ROI, CLV, drawdown and the equity curve") { json, png };
        report.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var r = await cluster.Grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).GetReportAsync();
                var view = ReportView.From(r, await OperatorReads.MarketAsync(cluster.Grains));
                if (parse.GetValue(png) is { } file)
                {
                    EquityChart.Save(r, file);
                    Console.Error.WriteLine($"equity curve written to {Path.GetFullPath(file)}");
                }

                if (parse.GetValue(json))
                {
                    JsonOutput.Write(view);
                    return 0;
                }

                AnsiConsole.MarkupLine(
                    $"bankroll [bold]{r.Bankroll:F2}[/] (from {r.InitialBankroll:F2}), {r.Bets} bets, {r.Settled} settled, {r.Open} open"
                );
                AnsiConsole.MarkupLine(
                    $"profit [bold]{r.Profit:+0.00;-0.00}[/] on {r.Staked:F2} staked: ROI [bold]{r.Roi:P2}[/], mean CLV {r.MeanClv?.ToString("P2", CultureInfo.InvariantCulture) ?? "-"}, max drawdown {r.MaxDrawdownShare:P1}"
                );
                var equity = r.Equity.Select(e => e.Bankroll).ToList();
                AnsiConsole.MarkupLine(
                    equity.Count == 0
                        ? "equity (no settled bets yet)"
                        : $"equity {Sparkline.Sampled(equity, 60)} {equity.Min():F0}–{equity.Max():F0}"
                );
                MarketLine(view.Market);
                return 0;
            }
        );
        return report;
    }

    private static Command InsightsCommand(ConnectionOptions connection)
    {
        var json = JsonOutput.Option();
        var by = new Option<string?>("--by") { Description = $"Only this breakdown: {string.Join(", ", InsightsNames.Dimensions)}" };
        var insights = new Command(
            "insights",
            "The settled bets explained: by league, market, odds band, tier, bookmaker and strategy, with CLV attribution, and each strategy's calibration"
        )
        {
            json,
            by,
        };
        insights.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var dimension = parse.GetValue(by);
                if (dimension is not null && !InsightsNames.Dimensions.Contains(dimension, StringComparer.Ordinal))
                {
                    throw new UsageException($"--by '{dimension}': one of {string.Join(", ", InsightsNames.Dimensions)}");
                }

                var x = await cluster.Grains.GetGrain<IPerformanceAnalystAgent>(AgentNames.PerformanceAnalyst).InsightsAsync();
                if (parse.GetValue(json))
                {
                    JsonOutput.Write(
                        new
                        {
                            market = x.Market,
                            settled = x.Settled,
                            open = x.Open,
                            withoutProbability = x.WithoutProbability,
                            breakdowns = x
                                .Breakdowns.Where(b => dimension is null || b.Key == dimension)
                                .ToDictionary(b => b.Key, b => b.Value),
                            calibration = x.Calibration,
                        }
                    );
                    return 0;
                }

                AnsiConsole.MarkupLine($"[bold]{x.Settled}[/] settled bets, {x.Open} open; market: {x.Market.EscapeMarkup()}");
                AnsiConsole.MarkupLine(
                    "[grey]money in bankroll units; ROI and CLV as shares; from CLV = Σ stake × CLV; luck = profit − from CLV[/]"
                );
                foreach (var name in InsightsNames.Dimensions.Where(d => dimension is null || d == dimension))
                {
                    var table = new Table().Title(name).AddColumns("Key", "Bets", "Staked", "Profit", "ROI", "CLV", "From CLV", "Luck");
                    foreach (var r in x.Breakdowns[name].Take(12))
                    {
                        table.AddRow(
                            Short(r.Key, 16).EscapeMarkup(),
                            r.Bets.ToString(CultureInfo.InvariantCulture),
                            r.Staked.ToString("F0", CultureInfo.InvariantCulture),
                            r.Profit.ToString("+0;-0", CultureInfo.InvariantCulture),
                            r.Roi.ToString("P1", CultureInfo.InvariantCulture),
                            r.MeanClv?.ToString("P1", CultureInfo.InvariantCulture) ?? "-",
                            r.ExpectedFromClv.ToString("+0;-0", CultureInfo.InvariantCulture),
                            r.Variance.ToString("+0;-0", CultureInfo.InvariantCulture)
                        );
                    }

                    AnsiConsole.Write(table);
                }

                if (dimension is null)
                {
                    var calibration = new Table()
                        .Title("calibration (won or lost bets with the model's probability)")
                        .AddColumns("Strategy", "Bets", "Brier", "Log loss", "Mean p", "Won");
                    foreach (var c in x.Calibration.Take(20))
                    {
                        calibration.AddRow(
                            Short(c.Strategy, 24).EscapeMarkup(),
                            c.Bets.ToString(CultureInfo.InvariantCulture),
                            c.Brier.ToString("F4", CultureInfo.InvariantCulture),
                            c.LogLoss.ToString("F4", CultureInfo.InvariantCulture),
                            c.MeanProbability.ToString("P1", CultureInfo.InvariantCulture),
                            c.WinRate.ToString("P1", CultureInfo.InvariantCulture)
                        );
                    }

                    AnsiConsole.Write(calibration);
                }

                return 0;
            }
        );
        return insights;
    }

    private static string Short(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    /// <summary>The equity curve in block characters, resampled to the width.</summary>
}
