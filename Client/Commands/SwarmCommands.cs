using System.CommandLine;
using Orleans.Betting.Client.Infrastructure;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;
using Spectre.Console;

namespace Orleans.Betting.Client.Commands;

/// <summary><c>swarm run|status</c>, <c>strategies list|show|retire</c>, <c>picks</c>.</summary>
public static class SwarmCommands
{
    public static IEnumerable<Command> Create(ConnectionOptions connection) =>
        [Swarm(connection), Strategies(connection), Picks(connection)];

    private static Command Swarm(ConnectionOptions connection)
    {
        var swarm = new Command("swarm", "Run and watch swarm runs (generation → validation → deployment → consensus)");
        var leagues = new Option<string>("--league") { Description = "League code(s), comma-separated", Required = true };
        var train = new Option<string>("--train") { Description = "Training seasons, e.g. 2015-2016..2020-2021", Required = true };
        var test = new Option<string>("--test") { Description = "Out-of-sample seasons, e.g. 2021-2022..2022-2023", Required = true };
        var candidates = new Option<int>("--candidates")
        {
            Description = "Candidate budget of the generation swarm",
            DefaultValueFactory = _ => 200,
        };
        var seed = new Option<int>("--seed") { Description = "Seed (same seed, same run)", DefaultValueFactory = _ => 7 };
        var rule = new Option<string>("--rule")
        {
            Description = "majority | unanimous | quorum[:q] | weighted",
            DefaultValueFactory = _ => "weighted",
        };
        var runId = new Option<string?>("--run-id") { Description = "Run id (default derived from the arguments)" };
        var json = JsonOutput.Option("Print one JSON object at the end");
        var run = new Command("run", "Start a swarm run and follow it live") { leagues, train, test, candidates, seed, rule, runId, json };
        run.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(async () =>
                {
                    var (ruleKind, quorum) = ParseRule(parse.GetValue(rule)!);
                    var request = new SwarmRunRequest(
                        parse.GetValue(leagues)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                        SeasonRange.Parse(parse.GetValue(train)!, "--train"),
                        SeasonRange.Parse(parse.GetValue(test)!, "--test"),
                        parse.GetValue(candidates),
                        parse.GetValue(seed),
                        ruleKind,
                        quorum
                    );
                    var id =
                        parse.GetValue(runId)
                        ?? $"run-{string.Join('+', request.Leagues)}-{request.TrainSeasons[0][..4]}-{request.TestSeasons[^1][5..]}-c{request.Candidates}-s{request.Seed}-{ruleKind.ToString().ToLowerInvariant()}";
                    await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                    var grain = cluster.Grains.GetGrain<ISwarmRunGrain>(id);
                    try
                    {
                        await grain.StartAsync(request);
                    }
                    catch (ArgumentException e)
                    {
                        throw new UsageException(e.Message);
                    }

                    var status = await FollowAsync(grain, parse.GetValue(json), ct);
                    Report(status, parse.GetValue(json));
                    return status.Phase == SwarmPhase.Completed ? 0 : 1;
                })
        );

        var statusRun = new Argument<string>("run") { Description = "Run id" };
        var statusJson = JsonOutput.Option();
        var follow = new Option<bool>("--follow") { Description = "Keep following until the run finishes" };
        var status = new Command("status", "Show (or reattach to) a swarm run") { statusRun, statusJson, follow };
        status.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(async () =>
                {
                    await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                    var grain = cluster.Grains.GetGrain<ISwarmRunGrain>(parse.GetValue(statusRun)!);
                    var s = parse.GetValue(follow)
                        ? await FollowAsync(grain, parse.GetValue(statusJson), ct)
                        : await grain.GetStatusAsync();
                    if (s.Request is null)
                    {
                        throw new UsageException($"no swarm run '{parse.GetValue(statusRun)}'");
                    }

                    Report(s, parse.GetValue(statusJson));
                    return 0;
                })
        );

        swarm.Subcommands.Add(run);
        swarm.Subcommands.Add(status);
        return swarm;
    }

    private static Command Strategies(ConnectionOptions connection)
    {
        var strategies = new Command("strategies", "Deployed strategies: list, show, retire, pause, resume");
        var json = JsonOutput.Option();
        var list = new Command("list", "List deployed strategies") { json };
        list.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(async () =>
                {
                    await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                    var deployed = await cluster.Grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).ListAsync();
                    if (parse.GetValue(json))
                    {
                        JsonOutput.Write(new { strategies = deployed });
                        return 0;
                    }

                    var table = new Table().AddColumns("Id", "Family", "Spec", "Run", "Deployed (UTC)");
                    foreach (var s in deployed)
                    {
                        table.AddRow(s.Id, s.Family, s.Spec.EscapeMarkup(), s.RunId.EscapeMarkup(), s.AddedUtc.ToString("u"));
                    }

                    AnsiConsole.Write(table);
                    return 0;
                })
        );

        var id = new Argument<string>("id") { Description = "Strategy id" };
        var showJson = JsonOutput.Option();
        var show = new Command("show", "Show a strategy: lifecycle, verdicts, reports") { id, showJson };
        show.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(async () =>
                {
                    await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                    var info = await cluster.Grains.GetGrain<IStrategyGrain>(parse.GetValue(id)!).GetAsync();
                    if (info.Spec.Length == 0)
                    {
                        throw new UsageException($"no strategy '{parse.GetValue(id)}'");
                    }

                    if (parse.GetValue(showJson))
                    {
                        JsonOutput.Write(info);
                        return 0;
                    }

                    AnsiConsole.MarkupLine(
                        $"[bold]{info.Id}[/] {info.Spec.EscapeMarkup()} — {info.Lifecycle}, weight {info.ConsensusWeight:F2}"
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
                })
        );

        var retireId = new Argument<string>("id") { Description = "Strategy id" };
        var reason = new Option<string>("--reason") { Description = "Why", DefaultValueFactory = _ => "retired by operator" };
        var retire = new Command("retire", "Retire a deployed strategy") { retireId, reason };
        retire.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(async () =>
                {
                    await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                    var strategyId = parse.GetValue(retireId)!;
                    try
                    {
                        await cluster
                            .Grains.GetGrain<IStrategyGrain>(strategyId)
                            .TransitionAsync(StrategyLifecycle.Retired, parse.GetValue(reason)!);
                    }
                    catch (InvalidOperationException e)
                    {
                        throw new UsageException(e.Message);
                    }

                    await cluster.Grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).RemoveAsync(strategyId);
                    AnsiConsole.MarkupLine($"{strategyId} retired");
                    return 0;
                })
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
        command.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(async () =>
                {
                    await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                    var strategy = cluster.Grains.GetGrain<IStrategyGrain>(parse.GetValue(id)!);
                    if ((await strategy.GetAsync()).Spec.Length == 0)
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
                })
        );
        return command;
    }

    private static Command Picks(ConnectionOptions connection)
    {
        var run = new Option<string?>("--run") { Description = "Run id whose consensus picks to show (default: the latest finished run)" };
        var date = new Option<string?>("--date") { Description = "Only picks for this kick-off date (yyyy-MM-dd)" };
        var json = JsonOutput.Option();
        var picks = new Command("picks", "Show consensus picks") { run, date, json };
        picks.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(async () =>
                {
                    await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                    var runId =
                        parse.GetValue(run)
                        ?? await cluster.Grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).LatestRunAsync()
                        ?? throw new UsageException("no swarm run has finished yet; start one with: swarm run ...");
                    var status = await cluster.Grains.GetGrain<ISwarmRunGrain>(runId).GetStatusAsync();
                    var list = (status.Consensus?.Picks ?? [])
                        .Where(p => parse.GetValue(date) is not { } d || p.KickoffUtc.ToString("yyyy-MM-dd") == d)
                        .ToArray();
                    if (parse.GetValue(json))
                    {
                        JsonOutput.Write(new { picks = list });
                    }
                    else
                    {
                        RenderPicks(list);
                    }

                    return 0;
                })
        );
        return picks;
    }

    private static (ConsensusRule, double) ParseRule(string text)
    {
        var parts = text.Split(':', 2);
        var rule = parts[0].ToLowerInvariant() switch
        {
            "majority" => ConsensusRule.Majority,
            "unanimous" => ConsensusRule.Unanimous,
            "quorum" => ConsensusRule.Quorum,
            "weighted" => ConsensusRule.Weighted,
            _ => throw new UsageException($"--rule '{text}': expected majority, unanimous, quorum[:q] or weighted"),
        };
        var q = 0.5;
        if (
            parts.Length == 2
            && (
                !double.TryParse(
                    parts[1],
                    System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture,
                    out q
                ) || q is <= 0 or > 1
            )
        )
        {
            throw new UsageException($"--rule '{text}': the quorum must be in (0, 1]");
        }

        return (rule, q);
    }

    private static async Task<SwarmRunStatus> FollowAsync(ISwarmRunGrain grain, bool quiet, CancellationToken ct)
    {
        static bool Done(SwarmRunStatus s) => s.Phase is SwarmPhase.Completed or SwarmPhase.Failed;
        // The run lives in the cluster; a silo lost meanwhile only delays the next look at it.
        var status = await TransientCalls.ReadAsync(grain.GetStatusAsync, ct);
        if (quiet)
        {
            while (!Done(status))
            {
                await Task.Delay(500, ct);
                status = await TransientCalls.ReadAsync(grain.GetStatusAsync, ct);
            }

            return status;
        }

        await AnsiConsole
            .Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var tasks = new Dictionary<SwarmPhase, ProgressTask>();
                foreach (var phase in new[] { SwarmPhase.Generating, SwarmPhase.Validating, SwarmPhase.Deploying, SwarmPhase.Voting })
                {
                    tasks[phase] = ctx.AddTask(phase.ToString().ToLowerInvariant(), autoStart: false, maxValue: 1);
                }

                while (true)
                {
                    foreach (var (phase, task) in tasks)
                    {
                        if (status.Phase > phase || Done(status) && status.Phase == SwarmPhase.Completed)
                        {
                            task.StartTask();
                            task.Value = task.MaxValue;
                        }
                        else if (status.Phase == phase)
                        {
                            task.StartTask();
                            if (status.Progress.Phase == phase && status.Progress.Total > 0)
                            {
                                task.MaxValue = status.Progress.Total;
                                task.Value = status.Progress.Done;
                            }

                            task.Description = $"{phase.ToString().ToLowerInvariant()} {status.Progress.Detail}".EscapeMarkup();
                        }
                    }

                    if (Done(status))
                    {
                        break;
                    }

                    await Task.Delay(500, ct);
                    status = await TransientCalls.ReadAsync(grain.GetStatusAsync, ct);
                }
            });
        return status;
    }

    private static void Report(SwarmRunStatus s, bool json)
    {
        var deployed = s.Validation.Where(v => s.Deployed.Contains(v.Id)).ToArray();
        if (json)
        {
            JsonOutput.Write(
                new
                {
                    runId = s.RunId,
                    phase = s.Phase.ToString(),
                    error = s.Error,
                    trials = s.Generation?.Trials ?? 0,
                    trialsByFamily = s.Generation?.TrialsByFamily,
                    validated = s.Validation.Count(v => v.Approved),
                    candidatesValidated = s.Validation.Count,
                    deployed = deployed.Select(v => new
                    {
                        id = v.Id,
                        family = v.Family,
                        spec = v.Spec,
                        dsr = v.DeflatedSharpe,
                        outOfSample = new
                        {
                            bets = v.OutOfSample.Bets,
                            wins = v.OutOfSample.Wins,
                            staked = v.OutOfSample.Staked,
                            profit = v.OutOfSample.Profit,
                            roi = v.OutOfSample.Roi,
                            hitRate = v.OutOfSample.HitRate,
                            averagePrice = v.OutOfSample.AveragePrice,
                            maxDrawdown = v.OutOfSample.MaxDrawdown,
                            meanClv = v.OutOfSample.MeanClv,
                        },
                        verdicts = v.Verdicts.Select(x => new
                        {
                            validator = x.Validator,
                            passed = x.Passed,
                            reason = x.Reason,
                        }),
                    }),
                    rejected = s
                        .Validation.Where(v => !v.Approved)
                        .Select(v => new
                        {
                            id = v.Id,
                            family = v.Family,
                            spec = v.Spec,
                            failed = v.Verdicts.Where(x => !x.Passed).Select(x => x.Validator),
                        }),
                    clockUtc = s.Consensus?.ClockUtc,
                    picks = s.Consensus?.Picks ?? [],
                    absentVoters = s.Consensus?.AbsentVoters ?? [],
                    resumes = s.Resumes,
                    startedUtc = s.StartedUtc,
                    finishedUtc = s.FinishedUtc,
                }
            );
            return;
        }

        AnsiConsole.MarkupLine(
            $"run [bold]{s.RunId.EscapeMarkup()}[/]: {s.Phase}{(s.Error is null ? "" : $" — [red]{s.Error.EscapeMarkup()}[/]")}; "
                + $"{s.Generation?.Trials ?? 0} trials, {s.Validation.Count(v => v.Approved)} of {s.Validation.Count} validated, {s.Deployed.Count} deployed"
        );
        var table = new Table()
            .Title("Deployed strategies (out-of-sample)")
            .AddColumns("Id", "Family", "Spec", "Bets", "ROI", "CLV", "DSR", "Verdicts");
        foreach (var v in deployed)
        {
            table.AddRow(
                v.Id,
                v.Family,
                v.Spec.EscapeMarkup(),
                v.OutOfSample.Bets.ToString(),
                v.OutOfSample.Roi.ToString("P2"),
                v.OutOfSample.MeanClv is { } clv ? clv.ToString("P2") : "-",
                v.DeflatedSharpe.ToString("F3"),
                string.Join(" ", v.Verdicts.Select(x => $"[{(x.Passed ? "green" : "red")}]{x.Validator}[/]"))
            );
        }

        AnsiConsole.Write(table);
        RenderPicks(s.Consensus?.Picks ?? []);
    }

    private static void RenderPicks(IReadOnlyList<Pick> picks)
    {
        var table = new Table()
            .Title("Picks")
            .AddColumns("Kick-off (UTC)", "Match", "Pick", "Price", "Book", "P", "Edge", "Tier", "Stake", "For/Against/Absent");
        foreach (var p in picks)
        {
            table.AddRow(
                p.KickoffUtc.ToString("yyyy-MM-dd HH:mm"),
                p.MatchId.EscapeMarkup(),
                p.Outcome,
                p.Price.ToString("F2"),
                p.Source,
                p.Probability.ToString("P1"),
                p.Edge.ToString("P1"),
                p.Tier,
                p.Stake.ToString("F2"),
                $"{p.VotesFor}/{p.VotesAgainst}/{p.Absent}"
            );
        }

        AnsiConsole.Write(table);
    }
}
