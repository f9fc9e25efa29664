using Orleans.Betting.Clock;
using Orleans.Betting.Ledger;

namespace Orleans.Betting.Client.Commands;

/// <summary>`clock`, `ledger` and `report`: the market clock and the paper bets.</summary>
public static class LedgerCommands
{
    public static IEnumerable<Command> Create(ConnectionOptions connection) => [Clock(connection), Ledger(connection), Report(connection)];

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
                if (parse.GetValue(json))
                {
                    JsonOutput.Write(c);
                    return 0;
                }

                AnsiConsole.MarkupLine(
                    $"[bold]{c.NowUtc:u}[/] ({c.Mode}, ×{c.Speed.ToString("0.##", CultureInfo.InvariantCulture)}{(c.Paused ? ", paused" : "")}) "
                        + $"from {c.StartUtc:yyyy-MM-dd}{(c.EndUtc is { } end ? $" to {end:yyyy-MM-dd}" : "")}; market {c.Market.EscapeMarkup()}"
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
        var ledger = new Command("ledger", "The paper bets: open and settled") { json, last };
        ledger.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var bets = await cluster.Grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).GetBetsAsync();
                if (parse.GetValue(json))
                {
                    JsonOutput.Write(
                        new
                        {
                            bets = bets.Select(b => new
                            {
                                id = b.Id,
                                match = b.Match,
                                matchId = b.MatchId,
                                kickoffUtc = b.KickoffUtc,
                                commenceUtc = b.KickoffUtc,
                                outcome = b.Selection.Text,
                                price = b.Price,
                                source = b.Source,
                                bookmaker = b.Bookmaker,
                                quoteUtc = b.QuoteUtc,
                                stake = b.Stake,
                                status = b.Status.ToString(),
                                profit = b.Profit,
                                closingPrice = b.ClosingPrice,
                                clv = b.Clv,
                                clvBasis = b.ClvBasis,
                                note = b.Note,
                                placedUtc = b.PlacedUtc,
                                cycle = b.Cycle,
                            }),
                        }
                    );
                    return 0;
                }

                var table = new Table().AddColumns("Kick-off", "Match", "Outcome", "Price", "Stake", "Status", "Profit", "CLV");
                foreach (var b in bets.TakeLast(Math.Max(1, parse.GetValue(last))))
                {
                    var colour = b.Status switch
                    {
                        BetStatus.Won or BetStatus.HalfWon => "green",
                        BetStatus.Lost or BetStatus.HalfLost => "red",
                        _ => "grey",
                    };
                    table.AddRow(
                        b.KickoffUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                        b.Match.EscapeMarkup(),
                        b.Selection.Text,
                        $"{b.Price.ToString("0.00", CultureInfo.InvariantCulture)} {(b.Bookmaker ?? b.Source.Text).EscapeMarkup()}",
                        b.Stake.ToString("0.00", CultureInfo.InvariantCulture),
                        $"[{colour}]{b.Status}[/]",
                        b.Profit.ToString("+0.00;-0.00;0", CultureInfo.InvariantCulture),
                        b.Clv?.ToString("P1", CultureInfo.InvariantCulture) ?? "-"
                    );
                }

                AnsiConsole.Write(table);
                AnsiConsole.MarkupLine($"{bets.Count} bets, {bets.Count(b => b.Status == BetStatus.Open)} open");
                return 0;
            }
        );
        return ledger;
    }

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
                if (parse.GetValue(png) is { } file)
                {
                    EquityChart.Save(r, file);
                    Console.Error.WriteLine($"equity curve written to {Path.GetFullPath(file)}");
                }

                if (parse.GetValue(json))
                {
                    JsonOutput.Write(
                        new
                        {
                            initialBankroll = r.InitialBankroll,
                            bankroll = r.Bankroll,
                            bets = r.Bets,
                            open = r.Open,
                            settled = r.Settled,
                            staked = r.Staked,
                            profit = r.Profit,
                            roi = r.Roi,
                            meanClv = r.MeanClv,
                            maxDrawdownShare = r.MaxDrawdownShare,
                            profitBySource = r.ProfitBySource,
                            equity = r.Equity.Select(e => new { atUtc = e.AtUtc, bankroll = e.Bankroll }),
                        }
                    );
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
                return 0;
            }
        );
        return report;
    }

    /// <summary>The equity curve in block characters, resampled to the width.</summary>
}
