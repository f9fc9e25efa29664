using Orleans.Betting.Operations;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Client.Commands;

/// <summary>`strategies`: the deployed strategies, and retiring, pausing or resuming one.</summary>
public static class StrategyCommands
{
    public static Command Create(ConnectionOptions connection)
    {
        var strategies = new Command("strategies", "Deployed strategies: list, show, retire, pause, resume");
        var json = JsonOutput.Option();
        var list = new Command("list", "List deployed strategies") { json };
        list.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var view = await OperatorReads.StrategiesAsync(cluster.Grains);
                if (parse.GetValue(json))
                {
                    JsonOutput.Write(view);
                    return 0;
                }

                var table = new Table().AddColumns("Id", "Spec", "Record");
                foreach (var s in view.Strategies)
                {
                    table.AddRow(
                        s.Id.EscapeMarkup(),
                        ApprovalCommands.Wrappable(s.Spec).EscapeMarkup(),
                        string.Join(
                            "\n",
                            s.PausedReason is null ? $"weight {s.ConsensusWeight.ToString("F2", CultureInfo.InvariantCulture)}" : "paused",
                            $"{s.Verdicts.Count(v => v.Passed)}/{s.Verdicts.Count} validators passed",
                            s.Live is { } live
                                ? string.Create(CultureInfo.InvariantCulture, $"{live.Bets} bets, CLV {live.MeanClv:P1}")
                                : "no settled bets yet"
                        )
                    );
                }

                AnsiConsole.Write(table);
                LedgerCommands.MarketLine(view.Market);
                return 0;
            }
        );

        var id = new Argument<string>("id") { Description = "Strategy id" };
        var showJson = JsonOutput.Option();
        var show = new Command("show", "Show a strategy: lifecycle, verdicts, reports") { id, showJson };
        show.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var info = await cluster.Grains.GetGrain<IStrategyGrain>(parse.GetValue(id)!).GetAsync();
                if (info.Spec is null)
                {
                    throw new UsageException($"no strategy '{parse.GetValue(id)}'");
                }

                if (parse.GetValue(showJson))
                {
                    JsonOutput.Write(info);
                    return 0;
                }

                AnsiConsole.MarkupLine(
                    $"[bold]{info.Id}[/] {info.Spec.Text.EscapeMarkup()} — {info.Lifecycle}, weight {info.ConsensusWeight:F2}"
                        + (info.PausedReason is { } paused ? $", [yellow]paused[/]: {paused.EscapeMarkup()}" : "")
                );
                foreach (var change in info.History)
                {
                    AnsiConsole.MarkupLine($"  {change.AtUtc:u} {change.From} → {change.To}: {change.Reason.EscapeMarkup()}");
                }

                foreach (var v in info.Verdicts ?? [])
                {
                    AnsiConsole.MarkupLine($"  [{(v.Passed ? "green" : "red")}]{v.Validator}[/]: {v.Reason.EscapeMarkup()}");
                }

                return 0;
            }
        );

        var retireId = new Argument<string>("id") { Description = "Strategy id" };
        var reason = new Option<string>("--reason") { Description = "Why", DefaultValueFactory = _ => "retired by operator" };
        var retireJson = JsonOutput.Option();
        var retire = new Command("retire", "Retire a deployed strategy") { retireId, reason, retireJson };
        retire.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var strategyId = parse.GetValue(retireId)!;
                StrategyInfo info;
                try
                {
                    info = await OperatorActions.RetireAsync(cluster.Grains, strategyId, parse.GetValue(reason)!);
                }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException)
                {
                    throw new UsageException(e.Message);
                }

                if (parse.GetValue(retireJson))
                {
                    JsonOutput.Write(
                        new
                        {
                            id = info.Id,
                            lifecycle = info.Lifecycle,
                            reason = parse.GetValue(reason),
                        }
                    );
                    return 0;
                }

                AnsiConsole.MarkupLine($"{strategyId.EscapeMarkup()} retired");
                return 0;
            }
        );

        strategies.Subcommands.Add(list);
        strategies.Subcommands.Add(show);
        strategies.Subcommands.Add(retire);
        strategies.Subcommands.Add(PauseOrResume(connection, pause: true));
        strategies.Subcommands.Add(PauseOrResume(connection, pause: false));
        return strategies;
    }

    /// <summary>
    /// Pause (consensus weight 0, live weight updates held) or resume (the weight it had before): the
    /// health monitor pauses a strategy that drifts below its validated range and leaves resuming to a human.
    /// </summary>
    private static Command PauseOrResume(ConnectionOptions connection, bool pause)
    {
        var id = new Argument<string>("id") { Description = "Strategy id" };
        var reason = new Option<string>("--reason")
        {
            Description = "Why",
            DefaultValueFactory = _ => pause ? "paused by operator" : "resumed by operator",
        };
        var json = JsonOutput.Option();
        var command = new Command(
            pause ? "pause" : "resume",
            pause ? "Pause a strategy: its votes weigh nothing until it is resumed" : "Resume a paused strategy at the weight it had before"
        )
        {
            id,
            reason,
            json,
        };
        command.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var strategy = cluster.Grains.GetGrain<IStrategyGrain>(parse.GetValue(id)!);
                if ((await strategy.GetAsync()).Spec is null)
                {
                    throw new UsageException($"no strategy '{parse.GetValue(id)}'");
                }

                var info = pause
                    ? await strategy.PauseAsync(parse.GetValue(reason)!)
                    : await strategy.UnpauseAsync(parse.GetValue(reason)!);
                if (parse.GetValue(json))
                {
                    JsonOutput.Write(
                        new
                        {
                            id = info.Id,
                            paused = info.PausedReason is not null,
                            pausedReason = info.PausedReason,
                            consensusWeight = info.ConsensusWeight,
                        }
                    );
                    return 0;
                }

                AnsiConsole.MarkupLine(
                    info.PausedReason is { } why
                        ? $"{info.Id.EscapeMarkup()} paused (weight 0): {why.EscapeMarkup()}"
                        : $"{info.Id.EscapeMarkup()} running, weight {info.ConsensusWeight:F3}"
                );
                return 0;
            }
        );
        return command;
    }
}
