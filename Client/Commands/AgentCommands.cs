using Orleans.Betting.Agents;
using Orleans.Betting.Operations;

namespace Orleans.Betting.Client.Commands;

/// <summary><c>agents status|pause|resume|decisions</c>, <c>approvals list|approve|reject</c>, <c>clock status</c>, <c>ledger</c>, <c>report</c>.</summary>
public static partial class AgentCommands
{
    public static IEnumerable<Command> Create(ConnectionOptions connection)
    {
        yield return Agents(connection);
        yield return ApprovalCommands.Create(connection);
        foreach (var command in LedgerCommands.Create(connection))
        {
            yield return command;
        }
    }

    private static Command Agents(ConnectionOptions connection)
    {
        var agents = new Command("agents", "The autonomous agents: status, pause/resume, decision log");
        var json = JsonOutput.Option();
        var status = new Command("status", "Each agent's role, state, ticks and last error") { json };
        status.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var all = await Task.WhenAll(AgentNames.All.Select(a => cluster.Grains.Agent(a.Name).GetStatusAsync()));
                if (parse.GetValue(json))
                {
                    JsonOutput.Write(new { agents = all.Select(AgentView.From) });
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
                AnsiConsole.MarkupLine(string.Join("  ", orchestrator.Memory.Select(m => $"{m.Key} [bold]{m.Value.EscapeMarkup()}[/]")));
                return 0;
            }
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
        var kind = new Option<DecisionKind?>("--kind")
        {
            Description = "Only this kind, e.g. deploy, veto, refused",
            CustomParser = result =>
            {
                try
                {
                    return DecisionKind.Parse(result.Tokens.Single().Value);
                }
                catch (FormatException e)
                {
                    result.AddError($"--kind: {e.Message}");
                    return null;
                }
            },
        };
        var last = new Option<int>("--last") { Description = "At most this many, newest last", DefaultValueFactory = _ => 50 };
        var decisionsJson = JsonOutput.Option();
        var decisions = new Command("decisions", "The decision log: inputs, alternatives, choice, reasons")
        {
            agentName,
            kind,
            last,
            decisionsJson,
        };
        decisions.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var list = await Agent(cluster, parse.GetValue(agentName)!).GetDecisionsAsync(5000);
                var filtered = list.Where(d => parse.GetValue(kind) is not { } k || d.Kind == k)
                    .TakeLast(Math.Max(1, parse.GetValue(last)))
                    .ToList();
                if (parse.GetValue(decisionsJson))
                {
                    JsonOutput.Write(new { decisions = filtered.Select(DecisionView.From) });
                    return 0;
                }

                var table = new Table().AddColumns("Cycle", "Kind", "Choice", "Reasons");
                foreach (var d in filtered)
                {
                    table.AddRow(
                        d.Cycle.ToString(CultureInfo.InvariantCulture),
                        d.Kind.Text,
                        d.Choice.EscapeMarkup(),
                        string.Join("\n", d.Reasons).EscapeMarkup()
                    );
                }

                AnsiConsole.Write(table);
                return 0;
            }
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
        messages.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
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
            }
        );
        agents.Subcommands.Add(messages);
        agents.Subcommands.Add(Bus(connection));
        return agents;
    }

    /// <summary>`agents bus`: the work requests between agents, as counted by each asker.</summary>
    private static Command Bus(ConnectionOptions connection)
    {
        var json = JsonOutput.Option();
        var bus = new Command("bus", "Work the agents ask of each other on the bus: requests, answered, timed out, per flow") { json };
        bus.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var flows = (await Task.WhenAll(AgentNames.All.Select(a => Agent(cluster, a.Name).GetFlowsAsync())))
                    .SelectMany(f => f)
                    .OrderBy(f => f.From, StringComparer.Ordinal)
                    .ThenBy(f => f.To, StringComparer.Ordinal)
                    .ThenBy(f => f.Kind, StringComparer.Ordinal)
                    .ToList();
                if (parse.GetValue(json))
                {
                    JsonOutput.Write(
                        new
                        {
                            flows = flows.Select(f => new
                            {
                                from = f.From,
                                to = f.To,
                                kind = f.Kind,
                                requests = f.Requests,
                                answered = f.Answered,
                                timedOut = f.TimedOut,
                            }),
                        }
                    );
                    return 0;
                }

                var table = new Table().AddColumns("From", "To", "Kind", "Requests", "Answered", "Timed out");
                foreach (var f in flows)
                {
                    table.AddRow(
                        f.From.EscapeMarkup(),
                        f.To.EscapeMarkup(),
                        f.Kind.EscapeMarkup(),
                        f.Requests.ToString(CultureInfo.InvariantCulture),
                        f.Answered.ToString(CultureInfo.InvariantCulture),
                        f.TimedOut.ToString(CultureInfo.InvariantCulture)
                    );
                }

                AnsiConsole.Write(table);
                AnsiConsole.MarkupLine(
                    flows.Count == 0
                        ? "no work asked on the bus yet"
                        : $"{flows.Sum(f => f.Requests)} request(s), {flows.Sum(f => f.TimedOut)} timed out"
                );
                return 0;
            }
        );
        return bus;
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
        var json = JsonOutput.Option();
        var command = new Command(verb, description) { name, reason, json };
        command.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var status = await act(Agent(cluster, parse.GetValue(name)!), parse.GetValue(reason)!);
                if (parse.GetValue(json))
                {
                    JsonOutput.Write(AgentView.From(status));
                    return 0;
                }

                Console.WriteLine($"{status.Name}: {status.State} ({status.StateReason})");
                return 0;
            }
        );
        return command;
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
