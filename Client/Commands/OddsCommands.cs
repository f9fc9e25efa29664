using Orleans.Betting.Quant;

namespace Orleans.Betting.Client.Commands;

/// <summary><c>odds live|devig|convert|kelly</c>: live odds through the API pool, and the quant core's calculators, computed by the cluster.</summary>
public static class OddsCommands
{
    public static Command Create(ConnectionOptions connection)
    {
        var odds = new Command("odds", "Live odds, margin removal, price conversion and Kelly stakes");
        odds.Subcommands.Add(LiveOddsCommand.Create(connection));
        odds.Subcommands.Add(Devig(connection));
        odds.Subcommands.Add(Convert(connection));
        odds.Subcommands.Add(KellyCommand(connection));
        return odds;
    }

    private static Command Devig(ConnectionOptions connection)
    {
        var method = new Option<string>("--method")
        {
            Description = "multiplicative, additive, power, shin, odds-ratio, balanced-book",
            DefaultValueFactory = _ => "multiplicative",
        };
        var prices = new Argument<string[]>("prices")
        {
            Description = "Decimal prices of one complete market, e.g. 2.10 3.40 3.90",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = JsonOutput.Option();
        var command = new Command("devig", "Remove the bookmaker's margin from one market's prices") { method, prices, json };
        command.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(
                    async () =>
                    {
                        var values = ParsePrices(parse.GetValue(prices) ?? [], "prices");
                        await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                        var result = await Calculate(() =>
                            cluster.Grains.GetGrain<IOddsToolsGrain>(0).DevigAsync(values, parse.GetValue(method)!)
                        );
                        if (parse.GetValue(json))
                        {
                            var output = new Dictionary<string, object?>
                            {
                                ["method"] = result.Method,
                                ["probabilities"] = result.Probabilities,
                                ["fairOdds"] = result.FairOdds,
                                ["margin"] = result.Margin,
                            };
                            if (result.ParameterName is not null)
                            {
                                output[result.ParameterName] = result.Parameter;
                            }

                            JsonOutput.Write(output);
                            return 0;
                        }

                        var table = new Table().AddColumns("Price", "Probability", "Fair odds");
                        for (var i = 0; i < values.Length; i++)
                        {
                            table.AddRow(
                                values[i].ToString(CultureInfo.InvariantCulture),
                                result.Probabilities[i].ToString("F7", CultureInfo.InvariantCulture),
                                result.FairOdds[i].ToString("F4", CultureInfo.InvariantCulture)
                            );
                        }

                        AnsiConsole.Write(table);
                        AnsiConsole.MarkupLine(
                            $"method [bold]{result.Method}[/], margin [bold]{result.Margin:P3}[/]"
                                + (result.ParameterName is null ? "" : $", {result.ParameterName} = [bold]{result.Parameter:F7}[/]")
                        );
                        return 0;
                    },
                    parse
                )
        );
        return command;
    }

    private static Command Convert(ConnectionOptions connection)
    {
        var price = new Argument<string>("price") { Description = "2.5, 3/2, +150, -200 or 40%" };
        var json = JsonOutput.Option();
        var command = new Command("convert", "Show a price in every format") { price, json };
        command.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var f = await Calculate(() => cluster.Grains.GetGrain<IOddsToolsGrain>(0).ConvertAsync(parse.GetValue(price)!));
                if (parse.GetValue(json))
                {
                    JsonOutput.Write(f);
                }
                else
                {
                    AnsiConsole.MarkupLine(
                        $"decimal [bold]{f.Decimal:0.####}[/]  fractional [bold]{f.Fractional}[/]  American [bold]{f.American:+0.##;-0.##}[/]  implied [bold]{f.ImpliedProbability:P2}[/]"
                    );
                }

                return 0;
            }
        );
        return command;
    }

    private static Command KellyCommand(ConnectionOptions connection)
    {
        var odds = new Option<string>("--odds")
        {
            Description = "Decimal price(s), comma-separated for the outcomes of one match",
            Required = true,
        };
        var probs = new Option<string>("--probs") { Description = "Your probability for each price, comma-separated", Required = true };
        var fraction = new Option<double>("--fraction") { Description = "Fractional Kelly (1 = full)", DefaultValueFactory = _ => 1.0 };
        var json = JsonOutput.Option();
        var command = new Command("kelly", "Kelly stake fractions: one bet, or several mutually exclusive outcomes of one match")
        {
            odds,
            probs,
            fraction,
            json,
        };
        command.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(
                    async () =>
                    {
                        var o = ParsePrices(parse.GetValue(odds)!.Split(','), "--odds");
                        var p = ParseNumbers(parse.GetValue(probs)!.Split(','), "--probs");
                        await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                        var result = await Calculate(() =>
                            cluster.Grains.GetGrain<IOddsToolsGrain>(0).KellyAsync(o, p, parse.GetValue(fraction))
                        );
                        if (parse.GetValue(json))
                        {
                            JsonOutput.Write(result);
                            return 0;
                        }

                        var table = new Table().AddColumns(
                            "Price",
                            "Probability",
                            "Edge",
                            "Full Kelly",
                            $"Stake ({result.Fraction:0.##} Kelly)"
                        );
                        for (var i = 0; i < o.Length; i++)
                        {
                            table.AddRow(
                                o[i].ToString(CultureInfo.InvariantCulture),
                                p[i].ToString(CultureInfo.InvariantCulture),
                                result.Edges[i].ToString("P2"),
                                result.FullKelly[i].ToString("P3"),
                                result.Fractions[i].ToString("P3")
                            );
                        }

                        AnsiConsole.Write(table);
                        return 0;
                    },
                    parse
                )
        );
        return command;
    }

    private static async Task<T> Calculate<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (QuantException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static double[] ParsePrices(IEnumerable<string> texts, string what) => ParseNumbers(texts, what);

    private static double[] ParseNumbers(IEnumerable<string> texts, string what) =>
        texts
            .Select(t =>
                double.TryParse(t.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                    ? v
                    : throw new UsageException($"{what}: '{t}' is not a number")
            )
            .ToArray();
}
