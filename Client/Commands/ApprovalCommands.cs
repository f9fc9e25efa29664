using Orleans.Betting.Agents;

namespace Orleans.Betting.Client.Commands;

/// <summary>`approvals`: what waits for a human, and the operator's answer.</summary>
public static class ApprovalCommands
{
    /// <summary>A spec as text that wraps (after each parameter) instead of being cut in a narrow column.</summary>
    internal static string Wrappable(string spec) =>
        spec.Replace(",", ", ", StringComparison.Ordinal).Replace(":", ": ", StringComparison.Ordinal);

    public static Command Create(ConnectionOptions connection)
    {
        var approvals = new Command("approvals", "What waits for a human: strategies held before deployment, escalated incidents");
        var json = JsonOutput.Option();
        var list = new Command("list", "The approvals queue") { json };
        list.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var items = await cluster.Grains.GetGrain<IApprovalQueueGrain>(IApprovalQueueGrain.Key).ListAsync();
                if (parse.GetValue(json))
                {
                    JsonOutput.Write(new { approvals = items });
                    return 0;
                }

                // Three wrapping columns fit 80 (the queue time and every field are in --json).
                var table = new Table().AddColumns("Subject", "What and why held", "State");
                foreach (var i in items)
                {
                    table.AddRow(
                        $"{i.Subject.EscapeMarkup()}\n[grey]{i.Kind.ToString().ToLowerInvariant()}[/]",
                        $"{Wrappable(i.Spec).EscapeMarkup()}\n[grey]{string.Join("\n", i.Flags).EscapeMarkup()}[/]",
                        (i.State + (i.DecidedBy is { } by ? $" by {by}" : "")).EscapeMarkup()
                    );
                }

                AnsiConsole.Write(table);
                return 0;
            }
        );
        approvals.Subcommands.Add(list);
        foreach (var (verb, approve) in new[] { ("approve", true), ("reject", false) })
        {
            var id = new Argument<string>("subject") { Description = "A strategy id or incident-N from `approvals list`" };
            var by = new Option<string>("--by")
            {
                Description =
                    "Who decides, where the cluster asks for no identity (recorded as unverified); an operator certificate names you otherwise",
                DefaultValueFactory = _ => Environment.UserName,
            };
            var decideJson = JsonOutput.Option();
            var command = new Command(
                verb,
                approve
                    ? "Approve: a strategy may be deployed next cycle; an escalated incident's remediation is retried"
                    : "Reject: a strategy is never deployed; an escalated incident stays with you (automation off)"
            )
            {
                id,
                by,
                decideJson,
            };
            command.SetClusterAction(
                connection,
                async (cluster, parse, ct) =>
                {
                    try
                    {
                        var item = await Orleans.Betting.Operations.OperatorActions.DecideAsync(
                            cluster.Grains,
                            parse.GetValue(id)!,
                            approve,
                            parse.GetValue(by)!
                        );
                        if (parse.GetValue(decideJson))
                        {
                            JsonOutput.Write(item);
                            return 0;
                        }

                        Console.WriteLine($"{item.Subject}: {item.State} by {item.DecidedBy}");
                        return 0;
                    }
                    catch (ArgumentException e)
                    {
                        throw new UsageException(e.Message);
                    }
                }
            );
            approvals.Subcommands.Add(command);
        }

        return approvals;
    }
}
