using System.Reflection;
using System.Text.Json;
using Orleans.Betting.Agents;
using Orleans.Betting.Operations;
using Orleans.Betting.Security;

namespace Orleans.Betting.Silo.WebConsole;

/// <summary>
/// The operator's web console at <c>/console</c> (a static page over the JSON API) and the JSON API under
/// <c>/api</c>: the client's reads and actions, answered by the same <see cref="OperatorReads"/>, pushed
/// to the page as server-sent events (<c>/api/events</c>). OpenAPI document: <c>/openapi/v1.json</c>.
/// </summary>
public static class ConsoleEndpoints
{
    public const string ConsolePath = "/console";
    public const string ApiPath = "/api";

    public static IServiceCollection AddOperatorConsole(
        this IServiceCollection services,
        IConfiguration config,
        Hosting.SiloSettings settings
    )
    {
        services.AddSingleton(ConsoleAccess.Read(config, settings));
        services.AddSingleton<ConsoleFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<ConsoleFeed>());
        services.ConfigureHttpJsonOptions(o => OperatorJson.Configure(o.SerializerOptions));
        services.AddOpenApi(o => o.ShouldInclude = d => d.RelativePath?.StartsWith(ApiPath[1..], StringComparison.Ordinal) == true);
        return services;
    }

    public static WebApplication MapOperatorConsole(this WebApplication app)
    {
        var access = app.Services.GetRequiredService<ConsoleAccess>();
        app.UseWhen(
            ctx =>
                ctx.Request.Path.StartsWithSegments(ConsolePath)
                || ctx.Request.Path.StartsWithSegments(ApiPath)
                || ctx.Request.Path.StartsWithSegments("/openapi"),
            branch => branch.Use((ctx, next) => SignInAsync(ctx, next, access))
        );
        app.MapOpenApi();
        app.MapGet(ConsolePath, () => StaticFile(null)).ExcludeFromDescription();
        app.MapGet(ConsolePath + "/{file}", StaticFile).ExcludeFromDescription();

        var api = app.MapGroup(ApiPath).WithTags("operator");
        api.MapGet("/me", (HttpContext ctx) => Me(ctx, access))
            .WithSummary("Who the console sees: the signed-in name and whether it may act");
        api.MapGet("/market", (IGrainFactory g) => OperatorReads.MarketAsync(g))
            .WithSummary("Which market the figures come from; a demo says so");
        api.MapGet("/ledger", (IGrainFactory g, int? last) => OperatorReads.LedgerAsync(g, last))
            .WithSummary("The paper bets (as `ledger --json`), each with its reasons: voters, model probability, edge, tier");
        api.MapGet("/ledger.csv", async (IGrainFactory g) => Csv("ledger.csv", CsvExport.Ledger((await OperatorReads.LedgerAsync(g)).Bets)))
            .WithSummary("The paper bets as CSV");
        api.MapGet("/report", (IGrainFactory g) => OperatorReads.ReportAsync(g))
            .WithSummary("Bankroll, profit, ROI, CLV, drawdown and the equity curve (as `report --json`)");
        api.MapGet("/picks", PicksAsync)
            .WithSummary("The agents' recent picks and what became of each, or a swarm run's (as `picks --json`)");
        api.MapGet(
                "/picks.csv",
                async (IGrainFactory g, string? run) =>
                    Csv("picks.csv", CsvExport.Picks((await OperatorReads.PicksAsync(g, run))?.Picks ?? []))
            )
            .WithSummary("The picks as CSV");
        api.MapGet("/strategies", (IGrainFactory g) => OperatorReads.StrategiesAsync(g))
            .WithSummary("Deployed strategies: validation verdicts, live record, consensus weight");
        api.MapGet("/approvals", async (IGrainFactory g) => new { approvals = await OperatorReads.ApprovalsAsync(g) })
            .WithSummary("What waits for a human (as `approvals list --json`)");
        api.MapGet(
                "/incidents",
                async (IGrainFactory g, bool? open, int? last) =>
                    new { incidents = await OperatorReads.IncidentsAsync(g, open ?? false, last ?? 50) }
            )
            .WithSummary("Incidents with their steps (as `incidents --json`)");
        api.MapGet("/agents", async (IGrainFactory g) => new { agents = await OperatorReads.AgentsAsync(g) })
            .WithSummary("Each agent's state, ticks and memory (as `agents status --json`)");
        api.MapGet("/decisions", DecisionsAsync)
            .WithSummary("An agent's newest decisions with their reasons (as `agents decisions --json`)");
        api.MapGet("/live", (IGrainFactory g) => OperatorReads.LiveAsync(g))
            .WithSummary("The live feed: events, mapping problems, feed lag (market and wall seconds), credits and forecast");
        api.MapGet("/notifications", (ConsoleFeed feed, long? after) => new { notifications = feed.Since(after ?? 0) })
            .WithSummary("What a person should see: bets placed and settled, strategies deployed or held, incidents");
        api.MapGet("/events", (ConsoleFeed feed, HttpContext ctx) => feed.StreamAsync(ctx))
            .WithSummary("Server-sent events: 'change' names the topics that changed, 'notice' carries a notification");

        api.MapPost(
                "/approvals/{subject}/{verb}",
                (IGrainFactory g, HttpContext ctx, string subject, string verb) =>
                    ActAsync(
                        ctx,
                        access,
                        by =>
                            verb is "approve" or "reject"
                                ? OperatorActions.DecideAsync(g, subject, verb == "approve", by)
                                : throw new ArgumentException($"'{verb}': approve or reject")
                    )
            )
            .WithSummary(
                "Approve or reject a held strategy or an escalated incident (operators only; the approver is the signed-in operator)"
            );
        api.MapPost(
                "/strategies/{id}/{verb}",
                (IGrainFactory g, HttpContext ctx, string id, string verb) =>
                    ActAsync(
                        ctx,
                        access,
                        by =>
                            verb switch
                            {
                                "pause" => OperatorActions.PauseStrategyAsync(g, id, true, $"paused from the console by {by}"),
                                "resume" => OperatorActions.PauseStrategyAsync(g, id, false, $"resumed from the console by {by}"),
                                "retire" => OperatorActions.RetireAsync(g, id, $"retired from the console by {by}"),
                                _ => throw new ArgumentException($"'{verb}': pause, resume or retire"),
                            }
                    )
            )
            .WithSummary("Pause, resume or retire a deployed strategy (operators only)");
        api.MapPost(
                "/agents/{name}/{verb}",
                (IGrainFactory g, HttpContext ctx, string name, string verb) =>
                    ActAsync(
                        ctx,
                        access,
                        by =>
                            verb is "pause" or "resume"
                                ? OperatorActions.PauseAgentAsync(g, name, verb == "pause", $"{verb}d from the console by {by}")
                                : throw new ArgumentException($"'{verb}': pause or resume")
                    )
            )
            .WithSummary("Pause or resume an agent (operators only)");
        return app;
    }

    /// <summary>Signs the request in: readers and operators by basic credentials; without them, only where reads are open.</summary>
    private static Task SignInAsync(HttpContext ctx, RequestDelegate next, ConsoleAccess access)
    {
        var who = access.Identify(ctx.Request);
        if (who is null && !access.ReadsOpen)
        {
            return Challenge(ctx);
        }

        ctx.Items[typeof(ConsoleIdentity)] = who;
        return next(ctx);
    }

    private static Task Challenge(HttpContext ctx)
    {
        ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
        ctx.Response.Headers.WWWAuthenticate = $"Basic realm=\"{ConsoleAccess.Realm}\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }

    private static ConsoleIdentity? Who(HttpContext ctx) => ctx.Items[typeof(ConsoleIdentity)] as ConsoleIdentity;

    private static object Me(HttpContext ctx, ConsoleAccess access) =>
        Who(ctx) is { } who
            ? new
            {
                name = (string?)who.Name,
                isOperator = who.IsOperator,
                canAct = who.IsOperator || access.ActionsOpen,
                why = who.IsOperator ? "signed in as an operator" : "signed in as a reader: actions need an operator",
            }
            : new
            {
                name = (string?)null,
                isOperator = false,
                canAct = access.ActionsOpen,
                why = access.ActionsOpen
                    ? "not signed in; this loopback cluster asks no identity, so actions are recorded as unverified"
                    : "not signed in: actions need an operator (Betting:Console:Operators)",
            };

    /// <summary>
    /// An operator action: the signed-in operator's name travels with the grain call as the silo's word
    /// (the call filter keeps an operator a silo names), so the grain records who acted.
    /// </summary>
    private static async Task<IResult> ActAsync<T>(HttpContext ctx, ConsoleAccess access, Func<string, Task<T>> act)
    {
        var who = Who(ctx);
        if (who is not { IsOperator: true } && !access.ActionsOpen)
        {
            if (who is null)
            {
                await Challenge(ctx);
                return Results.Empty;
            }

            return Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "operator identity required",
                detail: $"'{who.Name}' may read but not act: sign in as an operator ({ConsoleAccess.OperatorsSection}:NAME)"
            );
        }

        if (who is { IsOperator: true })
        {
            RequestContext.Set(CallerIdentity.OperatorKey, who.Name);
        }

        try
        {
            return Results.Ok(await act(who?.Name ?? "console"));
        }
        catch (ArgumentException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "bad request", detail: e.Message);
        }
        catch (InvalidOperationException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "not allowed now", detail: e.Message);
        }
        finally
        {
            RequestContext.Remove(CallerIdentity.OperatorKey);
        }
    }

    private static async Task<IResult> PicksAsync(IGrainFactory g, string? run, string? date)
    {
        DateOnly? day = null;
        if (date is not null)
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, default, out var d))
            {
                return Results.Problem(statusCode: 400, title: "bad request", detail: $"date '{date}': yyyy-MM-dd");
            }

            day = d;
        }

        return await OperatorReads.PicksAsync(g, run, day) is { } picks
            ? Results.Ok(picks)
            : Results.Problem(
                statusCode: 404,
                title: "no picks",
                detail: "no picks yet: the agents have made none and no swarm run has finished"
            );
    }

    private static async Task<IResult> DecisionsAsync(IGrainFactory g, string? agent, string? kind, int? last)
    {
        DecisionKind? k = null;
        if (kind is not null)
        {
            try
            {
                k = DecisionKind.Parse(kind);
            }
            catch (FormatException e)
            {
                return Results.Problem(statusCode: 400, title: "bad request", detail: $"kind: {e.Message}");
            }
        }

        try
        {
            return Results.Ok(new { decisions = await OperatorReads.DecisionsAsync(g, agent ?? AgentNames.Orchestrator, k, last ?? 50) });
        }
        catch (ArgumentException e)
        {
            return Results.Problem(statusCode: 400, title: "bad request", detail: e.Message);
        }
    }

    private static IResult Csv(string name, string text) =>
        Results.File(System.Text.Encoding.UTF8.GetBytes(text), "text/csv; charset=utf-8", name);

    private static IResult StaticFile(string? file)
    {
        var name = string.IsNullOrEmpty(file) ? "index.html" : file;
        var stream = typeof(ConsoleEndpoints).Assembly.GetManifestResourceStream("console/" + name);
        if (stream is null)
        {
            return Results.NotFound();
        }

        var type = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "application/octet-stream",
        };
        return Results.Stream(stream, type);
    }
}
