using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Cluster;
using Orleans.Betting.Silo.Health;
using Orleans.Betting.Silo.Simulation;
using Orleans.Betting.Silo.Storage;
using Orleans.Dashboard;
using Orleans.Runtime;
using OpenTelemetry.Metrics;

namespace Orleans.Betting.Silo.Hosting;

/// <summary>
/// The silo host: <c>Orleans.Betting.Silo [migrate | probe URL] [--profile P] [--data-dir D] [--urls U] [--Key=Value]</c>.
/// Exit codes: 0 ok, 2 bad configuration, 3 database unavailable, 1 anything else at start-up.
/// </summary>
public static class SiloProgram
{
    public const string DefaultUrls = "http://127.0.0.1:8080";
    public const string SimulatorEnabledKey = "Betting:Simulator:Enabled";
    public const string AgentsEnabledKey = "Betting:Agents:Enabled";
    private const string ReadyTag = "ready";
    public const string AuditTag = "audit";
    public const string HealthEnabledKey = "Betting:Health:Enabled";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && string.Equals(args[0], "probe", StringComparison.OrdinalIgnoreCase))
        {
            return await ProbeAsync(args.Length > 1 ? args[1] : "http://127.0.0.1:8080/readyz");
        }

        var migrateOnly = args.Length > 0 && string.Equals(args[0], "migrate", StringComparison.OrdinalIgnoreCase);
        var hostArgs = migrateOnly ? args[1..] : args;

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = hostArgs,
            // appsettings.json sits beside the binaries, wherever the silo is started from.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddCommandLine(hostArgs, SiloSettings.SwitchMappings.ToDictionary());

        SiloSettings settings;
        try
        {
            settings = SiloSettings.Read(builder.Configuration, forMigrationOnly: migrateOnly);
        }
        catch (ConfigurationError e)
        {
            return Fail(2, $"configuration error: {e.Message}");
        }

        if (migrateOnly)
        {
            return await MigrateAsync(settings);
        }

        var urls = builder.Configuration["urls"];
        if (string.IsNullOrWhiteSpace(urls))
        {
            urls = DefaultUrls;
            builder.WebHost.UseUrls(urls);
        }

        try
        {
            PortGuard.EnsureFree(settings.SiloPort, SiloSettings.SiloPortKey);
            PortGuard.EnsureFree(settings.GatewayPort, SiloSettings.GatewayPortKey);
            foreach (var port in PortGuard.HttpPorts(urls))
            {
                PortGuard.EnsureFree(port, "urls (--urls / ASPNETCORE_URLS)");
            }
        }
        catch (ConfigurationError e)
        {
            return Fail(2, $"configuration error: {e.Message}");
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await SchemaMigrator.ApplyAsync(settings.Database);
        }
        catch (DatabaseUnavailableException e)
        {
            return Fail(3, $"database error: {e.Message}");
        }

        await using var simulator = await StartOddsSimulatorAsync(builder, settings);
        ConfigureServices(builder, settings);
        if (simulator is not null)
        {
            builder.Services.AddSingleton(simulator);
            builder.Services.AddSingleton<Orleans.Betting.Health.IFaultInjector>(new SimulatorFaultInjector(simulator));
        }

        var app = builder.Build();
        app.UseDashboardBasicAuth(settings.Dashboard);
        app.MapOrleansDashboard(routePrefix: DashboardAuth.PathPrefix);
        app.MapGet("/", () => Results.Redirect(DashboardAuth.PathPrefix + "/"));
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) });

        try
        {
            await app.StartAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await TryStopAsync(app);
            return Fail(1, $"silo failed to start: {e.Innermost().Message}");
        }

        PrintBanner(app, settings, started.Elapsed, simulator);
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static void ConfigureServices(WebApplicationBuilder builder, SiloSettings settings)
    {
        builder.Services.AddSingleton(settings);
        builder.Services.AddBettingGrainServices(builder.Configuration);
        if (builder.Configuration.GetValue(MainJob.EnabledKey, settings.Profile == HostingProfile.Embedded))
        {
            builder.Services.AddHostedService<MainJob>();
        }
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));
        // Metrics: ours (betting_*), Orleans', ASP.NET Core's, the runtime's and the process's, as Prometheus text at /metrics.
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(Orleans.Betting.Monitoring.BettingMetrics.MeterName, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddRuntimeInstrumentation()
            .AddProcessInstrumentation()
            .AddPrometheusExporter());
        // /readyz: the checks that make a silo unfit to serve. The auditor runs the "audit" ones into the connectivity graph.
        builder.Services.AddHttpClient("audit");
        builder.Services.AddHealthChecks()
            .AddCheck<SiloActiveCheck>("silo", tags: [ReadyTag])
            .AddCheck<StorageReachableCheck>("storage", tags: [ReadyTag, AuditTag])
            .AddCheck<StreamProbeCheck>("stream:bus", tags: [AuditTag])
            .AddCheck<ApiPoolCheck>("api-pool", tags: [AuditTag])
            .AddTypeActivatedCheck<ApiProbeCheck>("api:" + ApiNames.Odds, null, [AuditTag], ApiNames.Odds)
            .AddTypeActivatedCheck<ApiProbeCheck>("api:" + ApiNames.FootballData, null, [AuditTag], ApiNames.FootballData)
            .AddCheck<DashboardCheck>("dashboard", tags: [AuditTag])
            .AddCheck<WebhookCheck>("webhook", tags: [AuditTag]);
        var healthEnabled = builder.Configuration.GetValue(HealthEnabledKey, true);
        if (healthEnabled)
        {
            builder.Services.AddHostedService<ConnectivityAuditor>();
        }

        builder.UseOrleans(silo =>
        {
            silo.ConfigureBetting(settings);
            // Failure detection is tunable (Orleans:Membership:ProbeTimeout, NumMissedProbesLimit, NumVotesForDeathDeclaration, ...).
            silo.Services.Configure<Orleans.Configuration.ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));
            silo.AddStartupTask(async (services, cancellationToken) =>
            {
                var local = services.GetRequiredService<ILocalSiloDetails>();
                var journal = services.GetRequiredService<IGrainFactory>().GetGrain<IClusterJournalGrain>(IClusterJournalGrain.Key);
                try
                {
                    await journal.RecordSiloStartAsync(new SiloStart(local.SiloAddress.ToString(), local.Name, local.DnsHostName,
                        settings.Profile.ToString(), settings.StorageDescription, DateTime.UtcNow));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    services.GetRequiredService<ILoggerFactory>().CreateLogger("Orleans.Betting.Silo")
                        .LogWarning(e, "Could not record this silo's start in the cluster journal");
                }
            });
            silo.AddStartupTask((services, cancellationToken) => StartLiveOddsAsync(services, builder.Configuration, settings));
            if (healthEnabled)
            {
                silo.AddStartupTask((services, cancellationToken) =>
                    services.GetRequiredService<IGrainFactory>().GetGrain<Orleans.Betting.Health.IHealthMonitorGrain>(Orleans.Betting.Health.IHealthMonitorGrain.Key).StartAsync());
            }
            // The agents run wherever the main job does (Embedded by default), unless switched off or on explicitly.
            if (MainJob.AgentsEnabled(builder.Configuration, builder.Configuration.GetValue(MainJob.EnabledKey, settings.Profile == HostingProfile.Embedded)))
            {
                silo.AddStartupTask((services, cancellationToken) => StartAgentsAsync(services));
            }
        });
    }

    /// <summary>Starts every agent (idempotent: a Running agent stays as it is; a restarted silo's agents resume from their persisted step).</summary>
    private static async Task StartAgentsAsync(IServiceProvider services)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        foreach (var (name, _) in Orleans.Betting.Agents.AgentNames.All)
        {
            await Orleans.Betting.Agents.AgentDirectory.Agent(grains, name).StartAsync("silo started");
        }
    }

    /// <summary>
    /// Live odds polling for Betting:LiveOdds:Sports (comma-separated sport keys; set to soccer_epl
    /// when the embedded silo starts the simulator), every PollSeconds (60) at Background priority.
    /// </summary>
    private static async Task StartLiveOddsAsync(IServiceProvider services, IConfiguration configuration, SiloSettings settings)
    {
        var section = configuration.GetSection("Betting:LiveOdds");
        var sports = (section["Sports"] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var request = new Orleans.Betting.Market.LivePollRequest(section["Regions"] ?? "uk,eu", section["Markets"] ?? "h2h,totals", RequestPriority.Background);
        var interval = TimeSpan.FromSeconds(section.GetValue("PollSeconds", 60.0));
        var grains = services.GetRequiredService<IGrainFactory>();
        foreach (var sport in sports)
        {
            try
            {
                await grains.GetGrain<Orleans.Betting.Market.ILiveOddsGrain>(sport).StartPollingAsync(request, interval);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                services.GetRequiredService<ILoggerFactory>().CreateLogger("Orleans.Betting.Silo").LogWarning(e, "Could not start live odds polling for {Sport}", sport);
            }
        }
    }

    /// <summary>
    /// Embedded: unless an odds API URL is configured, stand the simulator up on loopback and point
    /// the odds client at it (with a per-process key), so the real client path runs offline.
    /// </summary>
    private static async Task<OddsApiSimulator?> StartOddsSimulatorAsync(WebApplicationBuilder builder, SiloSettings settings)
    {
        var configuration = builder.Configuration;
        if (settings.Profile != HostingProfile.Embedded || !configuration.GetValue(SimulatorEnabledKey, true)
            || !string.IsNullOrWhiteSpace(configuration[OddsApiOptions.BaseUrlKey]))
        {
            return null;
        }

        var key = configuration[OddsApiOptions.ApiKeyKey];
        if (string.IsNullOrWhiteSpace(key))
        {
            key = "sim-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        }

        var options = (configuration.GetSection("Betting:Simulator").Get<SimulatorOptions>() ?? new SimulatorOptions()) with { ApiKey = key };
        var simulator = await OddsApiSimulator.StartAsync(options, configuration.GetValue("Betting:Simulator:Port", 0));
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [OddsApiOptions.BaseUrlKey] = simulator.BaseUrl,
            [OddsApiOptions.ApiKeyKey] = key,
            // Live odds from the simulator unless sports are configured (read by the silo and the MarketIntelligence agent).
            ["Betting:LiveOdds:Sports"] = configuration["Betting:LiveOdds:Sports"] ?? "soccer_epl",
        });
        return simulator;
    }

    /// <summary>
    /// <c>probe [URL]</c>: exit 0 when the URL answers 200 within 5 s, else 1 — the container's health
    /// check, as the image carries no curl.
    /// </summary>
    private static async Task<int> ProbeAsync(string url)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var response = await http.GetAsync(url);
            Console.WriteLine($"probe {url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException or InvalidOperationException)
        {
            Console.Error.WriteLine($"probe {url}: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> MigrateAsync(SiloSettings settings)
    {
        try
        {
            var report = await SchemaMigrator.ApplyAsync(settings.Database);
            Console.WriteLine($"migrate: {report.Engine} {report.Database}: schema and {report.QueryCount} Orleans queries " +
                $"{(report.Changed ? "applied" : "already current")} (checksum {report.Checksum}, {report.Elapsed.TotalMilliseconds:F0} ms)");
            return 0;
        }
        catch (DatabaseUnavailableException e)
        {
            return Fail(3, $"database error: {e.Message}");
        }
    }

    private static void PrintBanner(WebApplication app, SiloSettings settings, TimeSpan elapsed, OddsApiSimulator? simulator)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var http = addresses.FirstOrDefault() ?? DefaultUrls;
        var local = app.Services.GetRequiredService<ILocalSiloDetails>();
        Console.WriteLine($"""
            ── Orleans.Betting silo ready in {elapsed.TotalSeconds:F1} s ──
              profile    {settings.Profile}
              cluster    {settings.ClusterId} / service {settings.ServiceId}
              silo       {local.SiloAddress} (silo port {settings.SiloPort}, gateway port {settings.GatewayPort})
              storage    {settings.StorageDescription} (grain state and reminders)
              data dir   {(settings.Profile == HostingProfile.Embedded ? settings.DataDirectory : "-")}
              dashboard  {http.TrimEnd('/')}/dashboard/{(settings.Dashboard is null ? "" : " (basic auth)")}
              health     {http.TrimEnd('/')}/healthz  {http.TrimEnd('/')}/readyz
              odds API   {(simulator is null ? app.Configuration[OddsApiOptions.BaseUrlKey] ?? OddsApiOptions.DefaultBaseUrl
                  : $"simulator {simulator.BaseUrl} ({simulator.Market.Options.RequestsPerSecond:0.#}/s, seed {simulator.Market.Options.Seed})")}
              client     dotnet run --project Client -- status --gateway 127.0.0.1:{settings.GatewayPort}
            Press Ctrl+C (or send SIGTERM) to stop gracefully.
            """);
    }

    private static async Task TryStopAsync(WebApplication app)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await app.StopAsync(cts.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Already failing; the start-up error is the one worth reporting.
        }
    }


    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine(message);
        return code;
    }
}
