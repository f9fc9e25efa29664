using System.CommandLine;
using System.Globalization;
using Orleans.Betting.Agents;
using Orleans.Betting.Client.Infrastructure;
using Orleans.Betting.Clock;
using Orleans.Betting.Ledger;
using Spectre.Console;

namespace Orleans.Betting.Client.Commands;

/// <summary><c>agents status|pause|resume|decisions</c>, <c>approvals list|approve|reject</c>, <c>clock status</c>, <c>ledger</c>, <c>report</c>.</summary>
public static class AgentCommands
{
    public static IEnumerable<Command> Create(ConnectionOptions connection)
    {
        yield return Agents(connection);
        yield return Approvals(connection);
        yield return Clock(connection);
        yield return Ledger(connection);
        yield return Report(connection);
    }

    private static Command Agents(ConnectionOptions connection)
    {
        var agents = new Command("agents", "The autonomous agents: status, pause/resume, decision log");
        var json = JsonOutput.Option();
        var status = new Command("status", "Each agent's role, state, ticks and last error") { json };
        status.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(async () =>
                {
                    await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                    var all = await Task.WhenAll(AgentNames.All.Select(a => cluster.Grains.Agent(a.Name).GetStatusAsync()));
                    if (parse.GetValue(json))
                    {
                        JsonOutput.Write(
                            new
                            {
                                agents = all.Select(a => new
                                {
                                    name = a.Name,
                                    role = a.Role.ToString().ToLowerInvariant(),
                                    state = a.State.ToString(),
                                    stateReason = a.StateReason,
                                    ticks = a.Ticks,
                                    lastTickUtc = a.LastTickUtc,
                                    lastError = a.LastError,
                                    currentStep = a.CurrentStep,
                                    memory = a.Memory,
                                    tools = a.Tools,
                                }),
                            }
                        );
                        return 0;
                    }

                    var table = new Table().AddColumns("Agent", "Role", "State", "Ticks", "Last tick (UTC)", "Step", "Last error");
                    foreach (var a in all)
                    {
                        var colour = a.State switch
                        {
                            AgentState.Running => "green",
                            AgentState.Faulted => "red",
                            AgentState.Paused => "yellow",
                            _ => "grey",
                        };
                        table.AddRow(
                            a.Name,
                            a.Role.ToString().ToLowerInvariant(),
                            $"[{colour}]{a.State}[/]",
                            a.Ticks.ToString(CultureInfo.InvariantCulture),
                            a.LastTickUtc?.ToString("u", CultureInfo.InvariantCulture) ?? "-",
                            (a.CurrentStep ?? "-").EscapeMarkup(),
                            (a.LastError ?? "").EscapeMarkup()
                        );
                    }

                    AnsiConsole.Write(table);
                    var orchestrator = all.First(a => a.Role == AgentRole.Orchestrator);
                    AnsiConsole.MarkupLine(
                        string.Join("  ", orchestrator.Memory.Select(m => $"{m.Key} [bold]{m.Value.EscapeMarkup()}[/]"))
                    );
                    return 0;
                })
        );
        agents.Subcommands.Add(status);
        agents.Subcommands.Add(
            Lifecycle(connection, "pause", "Pause an agent (its ticks stop; work asked of it waits)", (a, reason) => a.PauseAsync(reason))
        );
        agents.Subcommands.Add(Lifecycle(connection, "resume", "Resume a paused or faulted agent", (a, reason) => a.ResumeAsync(reason)));
        agents.Subcommands.Add(Lifecycle(connection, "start", "Start an idle agent", (a, reason) => a.StartAsync(reason)));

        var agentName = new Option<string>("--agent")
        {
            Description = "Only this agent's decisions (default: the orchestrator)",
            DefaultValueFactory = _ => AgentNames.Orchestrator,
        };
        var kind = new Option<string?>("--kind") { Description = "Only this kind, e.g. deploy, veto, refused" };
        var last = new Option<int>("--last") { Description = "At most this many, newest last", DefaultValueFactory = _ => 50 };
        var decisionsJson = JsonOutput.Option();
        var decisions = new Command("decisions", "The decision log: inputs, alternatives, choice, reasons")
        {
            agentName,
            kind,
            last,
            decisionsJson,
        };
        decisions.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(async () =>
                {
                    await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                    var list = await Agent(cluster, parse.GetValue(agentName)!).GetDecisionsAsync(5000);
                    var filtered = list.Where(d => parse.GetValue(kind) is not { } k || d.Kind == k)
                        .TakeLast(Math.Max(1, parse.GetValue(last)))
                        .ToList();
                    if (parse.GetValue(decisionsJson))
                    {
                        JsonOutput.Write(
                            new
                            {
                                decisions = filtered.Select(d => new
                                {
                                    agent = d.Agent,
                                    cycle = d.Cycle,
                                    kind = d.Kind,
                                    choice = d.Choice,
                                    alternatives = d.Alternatives,
                                    inputs = d.Inputs,
                                    reasons = d.Reasons,
                                    atUtc = d.AtUtc,
                                }),
                            }
                        );
                        return 0;
                    }

                    var table = new Table().AddColumns("Cycle", "Kind", "Choice", "Reasons");
                    foreach (var d in filtered)
                    {
                        table.AddRow(
                            d.Cycle.ToString(CultureInfo.InvariantCulture),
                            d.Kind,
                            d.Choice.EscapeMarkup(),
                            string.Join("\n", d.Reasons).EscapeMarkup()
                        );
                    }

                    AnsiConsole.Write(table);
                    return 0;
                })
        );
        agents.Subcommands.Add(decisions);

        var who = new Argument<string>("name") { Description = "The agent whose message history to show" };
        var messagesLast = new Option<int>("--last") { Description = "At most this many, newest last", DefaultValueFactory = _ => 50 };
        var messagesJson = JsonOutput.Option();
        var messages = new Command("messages", "An agent's bus traffic: sent (acked, answered, timed out) and received")
        {
            who,
            messagesLast,
            messagesJson,
        };
        messages.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(async () =>
                {
                    await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                    var agent = Agent(cluster, parse.GetValue(who)!);
                    var history = await agent.GetMessagesAsync(Math.Max(1, parse.GetValue(messagesLast)));
                    var outbox = await agent.OutboxCountAsync();
                    if (parse.GetValue(messagesJson))
                    {
                        JsonOutput.Write(
                            new
                            {
                                outbox,
                                messages = history.Select(h => new
                                {
                                    id = h.Message.Id,
                                    direction = h.Direction,
                                    status = h.Status,
                                    kind = h.Message.Kind.ToString().ToLowerInvariant(),
                                    from = h.Message.From,
                                    to = h.Message.To,
                                    subject = h.Message.Subject,
                                    body = h.Message.Body,
                                    correlationId = h.Message.CorrelationId,
                                    sentUtc = h.Message.SentUtc,
                                    atUtc = h.AtUtc,
                                }),
                            }
                        );
                        return 0;
                    }

                    var table = new Table().AddColumns("At (UTC)", "Dir", "Kind", "From → To", "Subject", "Status", "Body");
                    foreach (var h in history)
                    {
                        table.AddRow(
                            h.AtUtc.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                            h.Direction,
                            h.Message.Kind.ToString().ToLowerInvariant(),
                            $"{h.Message.From} → {h.Message.To}".EscapeMarkup(),
                            h.Message.Subject.EscapeMarkup(),
                            h.Status,
                            (h.Message.Body.Length > 60 ? h.Message.Body[..60] + "…" : h.Message.Body).EscapeMarkup()
                        );
                    }

                    AnsiConsole.Write(table);
                    AnsiConsole.MarkupLine($"{outbox} message(s) waiting for an acknowledgement");
                    return 0;
                })
        );
        agents.Subcommands.Add(messages);
        return agents;
    }

    private static Command Lifecycle(
        ConnectionOptions connection,
        string verb,
        string description,
        Func<IAgentGrain, string, Task<AgentStatus>> act
    )
    {
        var name = new Argument<string>("name") { Description = $"The agent: {string.Join(", ", AgentNames.All.Select(a => a.Name))}" };
        var reason = new Option<string>("--reason")
        {
            Description = "Why (kept with the transition)",
            DefaultValueFactory = _ => $"operator {verb}",
        };
        var command = new Command(verb, description) { name, reason };
        command.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(async () =>
                {
                    await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                    var status = await act(Agent(cluster, parse.GetValue(name)!), parse.GetValue(reason)!);
                    Console.WriteLine($"{status.Name}: {status.State} ({status.StateReason})");
                    return 0;
                })
        );
        return command;
    }

    private static Command Approvals(ConnectionOptions connection)
    {
        var approvals = new Command("approvals", "What waits for a human: strategies held before deployment, escalated incidents");
        var json = JsonOutput.Option();
        var list = new Command("list", "The approvals queue") { json };
        list.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(async () =>
                {
                    await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                    var items = await cluster.Grains.GetGrain<IApprovalQueueGrain>(IApprovalQueueGrain.Key).ListAsync();
                    if (parse.GetValue(json))
                    {
                        JsonOutput.Write(new { approvals = items });
                        return 0;
                    }

                    var table = new Table().AddColumns("Subject", "Kind", "What", "Flags / evidence", "Queued (UTC)", "State");
                    foreach (var i in items)
                    {
                        table.AddRow(
                            i.Subject.EscapeMarkup(),
                            i.Kind.ToString(),
                            i.Spec.EscapeMarkup(),
                            string.Join("\n", i.Flags).EscapeMarkup(),
                            i.QueuedUtc.ToString("u", CultureInfo.InvariantCulture),
                            i.State + (i.DecidedBy is { } by ? $" by {by}" : "")
                        );
                    }

                    AnsiConsole.Write(table);
                    return 0;
                })
        );
        approvals.Subcommands.Add(list);
        foreach (var (verb, approve) in new[] { ("approve", true), ("reject", false) })
        {
            var id = new Argument<string>("subject") { Description = "A strategy id or incident-N from `approvals list`" };
            var by = new Option<string>("--by") { Description = "Who decides", DefaultValueFactory = _ => Environment.UserName };
            var command = new Command(
                verb,
                approve
                    ? "Approve: a strategy may be deployed next cycle; an escalated incident's remediation is retried"
                    : "Reject: a strategy is never deployed; an escalated incident stays with you (automation off)"
            )
            {
                id,
                by,
            };
            command.SetAction(
                (parse, ct) =>
                    CommandRunner.RunAsync(async () =>
                    {
                        await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                        try
                        {
                            var item = await cluster
                                .Grains.GetGrain<IApprovalQueueGrain>(IApprovalQueueGrain.Key)
                                .DecideAsync(parse.GetValue(id)!, approve, parse.GetValue(by)!);
                            Console.WriteLine($"{item.Subject}: {item.State} by {item.DecidedBy}");
                            return 0;
                        }
                        catch (ArgumentException e)
                        {
                            throw new UsageException(e.Message);
                        }
                    })
            );
            approvals.Subcommands.Add(command);
        }

        return approvals;
    }

    private static Command Clock(ConnectionOptions connection)
    {
        var clock = new Command("clock", "The market clock");
        var json = JsonOutput.Option();
        var status = new Command("status", "Simulated time, speed and market") { json };
        status.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(async () =>
                {
                    await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
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
                })
        );
        clock.Subcommands.Add(status);
        return clock;
    }

    private static Command Ledger(ConnectionOptions connection)
    {
        var json = JsonOutput.Option();
        var last = new Option<int>("--last") { Description = "Show the newest N bets", DefaultValueFactory = _ => 30 };
        var ledger = new Command("ledger", "The paper bets: open and settled") { json, last };
        ledger.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(async () =>
                {
                    await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
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
                                    outcome = b.Outcome,
                                    price = b.Price,
                                    source = b.Source,
                                    stake = b.Stake,
                                    status = b.Status.ToString(),
                                    profit = b.Profit,
                                    closingPrice = b.ClosingPrice,
                                    clv = b.Clv,
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
                            b.Outcome,
                            $"{b.Price.ToString("0.00", CultureInfo.InvariantCulture)} {b.Source}",
                            b.Stake.ToString("0.00", CultureInfo.InvariantCulture),
                            $"[{colour}]{b.Status}[/]",
                            b.Profit.ToString("+0.00;-0.00;0", CultureInfo.InvariantCulture),
                            b.Clv?.ToString("P1", CultureInfo.InvariantCulture) ?? "-"
                        );
                    }

                    AnsiConsole.Write(table);
                    AnsiConsole.MarkupLine($"{bets.Count} bets, {bets.Count(b => b.Status == BetStatus.Open)} open");
                    return 0;
                })
        );
        return ledger;
    }

    private static Command Report(ConnectionOptions connection)
    {
        var json = JsonOutput.Option();
        var png = new Option<string?>("--png") { Description = "Also draw the equity curve into this PNG file" };
        var report = new Command("report", "Bankroll, bets, profit, ROI, CLV, drawdown and the equity curve") { json, png };
        report.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(async () =>
                {
                    await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
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
                                maxDrawdown = r.MaxDrawdown,
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
                        $"profit [bold]{r.Profit:+0.00;-0.00}[/] on {r.Staked:F2} staked: ROI [bold]{r.Roi:P2}[/], mean CLV {r.MeanClv?.ToString("P2", CultureInfo.InvariantCulture) ?? "-"}, max drawdown {r.MaxDrawdown:P1}"
                    );
                    AnsiConsole.MarkupLine($"equity {Sparkline(r.Equity.Select(e => e.Bankroll).ToList(), 60)}");
                    return 0;
                })
        );
        return report;
    }

    /// <summary>The equity curve in block characters, resampled to the width.</summary>
    public static string Sparkline(IReadOnlyList<double> values, int width)
    {
        if (values.Count == 0)
        {
            return "(no settled bets yet)";
        }

        const string blocks = "▁▂▃▄▅▆▇█";
        var (min, max) = (values.Min(), values.Max());
        var points = Enumerable
            .Range(0, Math.Min(width, values.Count))
            .Select(i => values[(int)((long)i * (values.Count - 1) / Math.Max(1, Math.Min(width, values.Count) - 1))]);
        return string.Concat(points.Select(v => blocks[max > min ? (int)Math.Round((v - min) / (max - min) * (blocks.Length - 1)) : 0]))
            + $" {min:F0}–{max:F0}";
    }

    private static IAgentGrain Agent(ClusterConnection cluster, string name)
    {
        try
        {
            return cluster.Grains.Agent(name);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
