using Orleans.Betting.Drills;

namespace Orleans.Betting.Client.Commands;

/// <summary>`sim fault|clear`: drills against the simulator (Embedded only).</summary>
public static class SimCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var sim = new Command("sim", "Drills against the built-in simulator (Embedded profile only)");
        var api = new Option<string?>("--api") { Description = "The simulated API: odds" };
        var agent = new Option<string?>("--agent") { Description = "Instead of an API: make this agent's ticks throw" };
        var kind = new Option<string>("--kind")
        {
            Description = string.Join(" | ", FaultKinds.Names),
            DefaultValueFactory = _ => "http500",
        };
        var seconds = new Option<double>("--seconds") { Description = "How long the fault lasts", DefaultValueFactory = _ => 30 };
        var latency = new Option<double?>("--latency-ms") { Description = "Delay per call for --kind latency (default 3000)" };
        var faultJson = JsonOutput.Option();
        var fault = new Command(
            "fault",
            "Inject a fault for N seconds: into the odds simulator (--api odds --kind K) or an agent (--agent NAME)"
        )
        {
            api,
            agent,
            kind,
            seconds,
            latency,
            faultJson,
        };
        fault.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(
                    async () =>
                    {
                        var (target, name) = (parse.GetValue(api), parse.GetValue(agent)) switch
                        {
                            (null, { } a) => (FaultTarget.Agent, a),
                            ({ } a, null) => (FaultTarget.Api, a),
                            (null, null) => throw new UsageException("say what to break: --api odds or --agent NAME"),
                            _ => throw new UsageException("--api and --agent exclude each other"),
                        };
                        var faultKind = FaultKind.Http500;
                        if (target == FaultTarget.Api && !FaultKinds.TryParse(parse.GetValue(kind) ?? "http500", out faultKind))
                        {
                            throw new UsageException($"--kind {parse.GetValue(kind)}: one of {string.Join(", ", FaultKinds.Names)}");
                        }

                        await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                        try
                        {
                            var answer = await cluster
                                .Grains.GetGrain<ISimulatorControlGrain>("control")
                                .InjectFaultAsync(
                                    new FaultRequest(target, name, faultKind, parse.GetValue(seconds), parse.GetValue(latency))
                                );
                            if (parse.GetValue(faultJson))
                            {
                                JsonOutput.Write(new { message = answer });
                                return 0;
                            }

                            AnsiConsole.MarkupLine($"[yellow]{answer.EscapeMarkup()}[/]");
                            return 0;
                        }
                        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
                        {
                            throw new UsageException(e.Message);
                        }
                    },
                    parse
                )
        );
        var clearJson = JsonOutput.Option();
        var clear = new Command("clear", "End any fault injected into the simulator now") { clearJson };
        clear.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                try
                {
                    var answer = await cluster.Grains.GetGrain<ISimulatorControlGrain>("control").ClearFaultsAsync();
                    if (parse.GetValue(clearJson))
                    {
                        JsonOutput.Write(new { message = answer });
                        return 0;
                    }

                    AnsiConsole.MarkupLine(answer.EscapeMarkup());
                    return 0;
                }
                catch (InvalidOperationException e)
                {
                    throw new UsageException(e.Message);
                }
            }
        );
        sim.Subcommands.Add(fault);
        sim.Subcommands.Add(clear);
        return sim;
    }
}
