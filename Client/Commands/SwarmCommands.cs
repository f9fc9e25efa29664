using Orleans.Betting.Swarms;

namespace Orleans.Betting.Client.Commands;

/// <summary><c>swarm run|status</c>, <c>strategies list|show|retire</c>, <c>picks</c>.</summary>
public static partial class SwarmCommands
{
    public static IEnumerable<Command> Create(ConnectionOptions connection) =>
        [Swarm(connection), StrategyCommands.Create(connection), Picks(connection)];

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
        var evidence = new Option<string>("--evidence")
        {
            Description = "What the gate judges: clv (against the de-margined sharp close; returns where no close can witness) | returns",
            DefaultValueFactory = _ => "clv",
        };
        var json = JsonOutput.Option("Print one JSON object at the end");
        var run = new Command("run", "Start a swarm run and follow it live")
        {
            leagues,
            train,
            test,
            candidates,
            seed,
            rule,
            runId,
            evidence,
            json,
        };
        run.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(
                    async () =>
                    {
                        var (ruleKind, quorum) = ParseRule(parse.GetValue(rule)!);
                        var gateEvidence = parse.GetValue(evidence)!.Trim().ToLowerInvariant() switch
                        {
                            "clv" => GateEvidence.Clv,
                            "returns" => GateEvidence.Returns,
                            var other => throw new UsageException($"--evidence '{other}': expected clv or returns"),
                        };
                        var request = new SwarmRunRequest(
                            parse.GetValue(leagues)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                            SeasonRange.Parse(parse.GetValue(train)!, "--train"),
                            SeasonRange.Parse(parse.GetValue(test)!, "--test"),
                            parse.GetValue(candidates),
                            parse.GetValue(seed),
                            ruleKind,
                            quorum,
                            Evidence: gateEvidence
                        );
                        var id =
                            parse.GetValue(runId)
                            ?? $"run-{string.Join('+', request.Leagues)}-{request.TrainSeasons[0][..4]}-{request.TestSeasons[^1][5..]}-c{request.Candidates}-s{request.Seed}-{ruleKind.ToString().ToLowerInvariant()}{(gateEvidence == GateEvidence.Returns ? "-returns" : "")}";
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
                    },
                    parse
                )
        );

        var statusRun = new Argument<string>("run") { Description = "Run id" };
        var statusJson = JsonOutput.Option();
        var follow = new Option<bool>("--follow") { Description = "Keep following until the run finishes" };
        var statusCsv = new Option<bool>("--csv")
        {
            Description = "Print every validated candidate as CSV (out-of-sample figures and each validator's verdict)",
        };
        var status = new Command("status", "Show (or reattach to) a swarm run") { statusRun, statusJson, follow, statusCsv };
        status.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var grain = cluster.Grains.GetGrain<ISwarmRunGrain>(parse.GetValue(statusRun)!);
                var s = parse.GetValue(follow) ? await FollowAsync(grain, parse.GetValue(statusJson), ct) : await grain.GetStatusAsync();
                if (s.Request is null)
                {
                    throw new UsageException($"no swarm run '{parse.GetValue(statusRun)}'");
                }

                if (parse.GetValue(statusCsv))
                {
                    Console.Out.Write(
                        Orleans.Betting.Operations.CsvExport.Write(
                            [
                                "id",
                                "family",
                                "spec",
                                "approved",
                                "deployed",
                                "bets",
                                "roi",
                                "meanClv",
                                "deflatedSharpe",
                                "failedValidators",
                            ],
                            s.Validation.Select(v =>
                                new object?[]
                                {
                                    v.Id,
                                    v.Family,
                                    v.Spec.Text,
                                    v.Approved,
                                    s.Deployed.Contains(v.Id),
                                    v.OutOfSample.Bets,
                                    v.OutOfSample.Roi,
                                    v.OutOfSample.MeanClv,
                                    v.DeflatedSharpe,
                                    string.Join(' ', v.Verdicts.Where(x => !x.Passed).Select(x => x.Validator)),
                                }
                            )
                        )
                    );
                    return 0;
                }

                Report(s, parse.GetValue(statusJson));
                return 0;
            }
        );

        swarm.Subcommands.Add(run);
        swarm.Subcommands.Add(status);
        return swarm;
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

    /// <summary>A figure of the holdout verdict (null when it was not recorded or is not a number).</summary>
    private static double? Holdout(ValidationOutcome v, string figure) =>
        v.Verdicts.FirstOrDefault(x => x.Validator == "holdout")?.Figures.GetValueOrDefault(figure, double.NaN) is { } x
        && double.IsFinite(x)
            ? x
            : null;

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
                            maxDrawdownAmount = v.OutOfSample.MaxDrawdownAmount,
                            meanClv = v.OutOfSample.MeanClv,
                            // The gate's evidence, from the holdout verdict: CLV and its z clustered by match.
                            clv = Holdout(v, "clv"),
                            clvZ = Holdout(v, "clvZ"),
                            roiZ = Holdout(v, "roiZ"),
                            evidence = Holdout(v, "evidenceClv") == 1 ? "clv" : "returns",
                            p = Holdout(v, "p"),
                            alpha = Holdout(v, "alpha"),
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
                v.Spec.Text.EscapeMarkup(),
                v.OutOfSample.Bets.ToString(),
                v.OutOfSample.Roi.ToString("P2"),
                v.OutOfSample.MeanClv is { } clv ? clv.ToString("P2") : "-",
                v.DeflatedSharpe.ToString("F3"),
                string.Join(" ", v.Verdicts.Select(x => $"[{(x.Passed ? "green" : "red")}]{x.Validator}[/]"))
            );
        }

        AnsiConsole.Write(table);
        RenderPicks(
            new Orleans.Betting.Operations.PicksView(
                new Orleans.Betting.Operations.MarketLabel($"the market of run {s.RunId}", IsDemo: false),
                $"run {s.RunId}",
                (s.Consensus?.Picks ?? [])
                    .Select(p =>
                        Orleans.Betting.Operations.PickView.From(p, Market.MatchId.TryParse(p.MatchId, out var id) ? id.League : "")
                    )
                    .ToList()
            ),
            marketLine: false
        );
    }
}
