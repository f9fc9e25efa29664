using Orleans.Betting.Strategies;

namespace Orleans.Betting.Client.Commands;

/// <summary><c>backtest</c>: run one strategy point-in-time over imported seasons.</summary>
public static class BacktestCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var strategy = new Option<string>("--strategy")
        {
            Description = "e.g. baseline:outcome=home,price=pinnacle-closing",
            Required = true,
        };
        var league = new Option<string>("--league") { Description = "League code, e.g. E0 (or S1 for synthetic)", Required = true };
        var seasons = new Option<string>("--seasons") { Description = "e.g. 2019-2020..2022-2023", Required = true };
        var staking = new Option<string>("--staking")
        {
            Description = "flat[:units], proportional:f or kelly[:fraction]",
            DefaultValueFactory = _ => "flat",
        };
        var bankroll = new Option<double>("--bankroll") { Description = "Initial bankroll in units", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap", DefaultValueFactory = _ => 1 };
        var json = JsonOutput.Option();
        var csv = new Option<bool>("--csv") { Description = "Print the bankroll path as CSV (one row per settled bet: time, bankroll)" };
        var command = new Command("backtest", "Backtest a strategy point-in-time (no look-ahead)")
        {
            csv,
            strategy,
            league,
            seasons,
            staking,
            bankroll,
            seed,
            json,
        };
        command.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(
                    async () =>
                    {
                        StrategySpec spec;
                        try
                        {
                            spec = StrategySpec.Parse(parse.GetValue(strategy)!);
                        }
                        catch (ArgumentException e)
                        {
                            throw new UsageException(e.Message);
                        }

                        var request = new BacktestRequest(
                            parse.GetValue(league)!.Trim(),
                            SeasonRange.Parse(parse.GetValue(seasons)!),
                            parse.GetValue(staking)!,
                            parse.GetValue(bankroll),
                            parse.GetValue(seed)
                        );
                        await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                        var grain = cluster.Grains.GetGrain<IStrategyGrain>(spec.Id);
                        BacktestReport report;
                        try
                        {
                            await grain.DefineAsync(spec);
                            report = parse.GetValue(json)
                                ? await grain.BacktestAsync(request, ct)
                                : await AnsiConsole
                                    .Status()
                                    .StartAsync(
                                        $"Backtesting {spec.Text.EscapeMarkup()} on {request.League} {request.Seasons.Count} season(s)...",
                                        _ => grain.BacktestAsync(request, ct)
                                    );
                        }
                        catch (Exception e)
                            when (e is Orleans.Betting.Quant.QuantException or ArgumentException or InvalidOperationException)
                        {
                            throw new UsageException(e.Message);
                        }

                        var f = report.Figures;
                        if (parse.GetValue(csv))
                        {
                            Console.Out.Write(
                                Orleans.Betting.Operations.CsvExport.Write(
                                    ["atUtc", "bankroll"],
                                    report.Equity.Select(e => new object?[] { e.Utc, e.Bankroll })
                                )
                            );
                            return 0;
                        }

                        if (parse.GetValue(json))
                        {
                            JsonOutput.Write(
                                new
                                {
                                    strategyId = report.StrategyId,
                                    spec = report.Spec,
                                    league = report.League,
                                    seasons = report.Seasons,
                                    staking = report.Staking,
                                    matches = report.MatchesEvaluated,
                                    bets = f.Bets,
                                    wins = f.Wins,
                                    staked = f.Staked,
                                    profit = f.Profit,
                                    roi = f.Roi,
                                    hitRate = f.HitRate,
                                    averagePrice = f.AveragePrice,
                                    maxDrawdownAmount = f.MaxDrawdownAmount,
                                    meanClv = f.MeanClv,
                                    clvBets = f.ClvBets,
                                    sharpePerBet = f.SharpePerBet,
                                    tStatistic = f.TStatistic,
                                    roiCi95 = new[] { f.RoiLow95, f.RoiHigh95 },
                                    finalBankroll = f.FinalBankroll,
                                    elapsedMs = report.ElapsedMs,
                                }
                            );
                            return 0;
                        }

                        var table = new Table()
                            .Title(
                                $"{report.Spec.Text.EscapeMarkup()} — {report.League} {report.Seasons[0]}..{report.Seasons[^1]} ({report.Staking})"
                            )
                            .AddColumns(
                                "Bets",
                                "Wins",
                                "Staked",
                                "Profit",
                                "ROI",
                                "95% CI",
                                "Hit rate",
                                "Avg price",
                                "Max DD",
                                "Mean CLV",
                                "t"
                            );
                        table.AddRow(
                            f.Bets.ToString(),
                            f.Wins.ToString(),
                            f.Staked.ToString("F2"),
                            f.Profit.ToString("F2"),
                            $"[{(f.Roi >= 0 ? "green" : "red")}]{f.Roi:P2}[/]",
                            $"{f.RoiLow95:P1}..{f.RoiHigh95:P1}",
                            f.HitRate.ToString("P1"),
                            f.AveragePrice.ToString("F2"),
                            f.MaxDrawdownAmount.ToString("F2"),
                            f.MeanClv is { } clv ? clv.ToString("P2") : "-",
                            f.TStatistic.ToString("F2")
                        );
                        AnsiConsole.Write(table);
                        AnsiConsole.MarkupLine(
                            $"{report.MatchesEvaluated} matches evaluated in {report.ElapsedMs:F0} ms; strategy id [bold]{report.StrategyId}[/]"
                        );
                        return 0;
                    },
                    parse
                )
        );
        return command;
    }
}
