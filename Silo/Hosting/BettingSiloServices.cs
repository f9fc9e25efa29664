using OpenTelemetry.Metrics;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Monitoring;
using Orleans.Betting.Silo.Health;
using Orleans.Betting.Silo.Hosting.StartupTasks;
using Orleans.Betting.Silo.WebConsole;
using Orleans.Configuration;

namespace Orleans.Betting.Silo.Hosting;

/// <summary>Everything a betting silo runs: grains and their services, Orleans, metrics, health checks, the main job.</summary>
public static class BettingSiloServices
{
    public const string ReadyTag = "ready";
    public const string AuditTag = "audit";

    public static WebApplicationBuilder AddBettingSilo(this WebApplicationBuilder builder, SiloSettings settings, SiloRoles roles)
    {
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(roles);
        services.AddSiloOptions(builder.Configuration);
        services.AddBettingGrainServices(builder.Configuration);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));
        if (roles.MainJob)
        {
            services.AddHostedService<MainJob>();
        }

        services.AddOperatorConsole(builder.Configuration, settings);
        services.AddBettingMetrics();
        services.AddBettingTracing(builder.Configuration, $"{settings.Profile}:{settings.SiloPort}");
        services.AddBettingHealthChecks(roles);
        builder.UseOrleans(silo =>
        {
            silo.ConfigureBetting(settings);
            if (BettingTracing.Endpoint(builder.Configuration) is not null)
            {
                silo.AddActivityPropagation(); // a grain call's span is the child of its caller's
            }

            // Failure detection is tunable (Orleans:Membership:ProbeTimeout, NumMissedProbesLimit, NumVotesForDeathDeclaration, ...).
            silo.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));
            silo.AddStartupTask<RecordSiloStartTask>();
            silo.AddStartupTask<StartLiveOddsTask>();
            if (roles.Health)
            {
                silo.AddStartupTask<StartHealthMonitorTask>();
            }

            if (roles.Agents)
            {
                silo.AddStartupTask<StartAgentsTask>();
            }
        });
        return builder;
    }

    /// <summary>Ours (betting_*), Orleans', ASP.NET Core's, the runtime's and the process's, as Prometheus text at /metrics.</summary>
    private static void AddBettingMetrics(this IServiceCollection services) =>
        services
            .AddOpenTelemetry()
            .WithMetrics(metrics =>
                metrics
                    .AddMeter(
                        BettingMetrics.MeterName,
                        "Microsoft.Orleans",
                        "Microsoft.AspNetCore.Hosting",
                        "Microsoft.AspNetCore.Server.Kestrel"
                    )
                    .AddRuntimeInstrumentation()
                    .AddProcessInstrumentation()
                    .AddPrometheusExporter()
            );

    /// <summary>/readyz: the checks that make a silo unfit to serve. The auditor runs the "audit" ones into the connectivity graph.</summary>
    private static void AddBettingHealthChecks(this IServiceCollection services, SiloRoles roles)
    {
        services.AddHttpClient("audit");
        services.AddSingleton<StorageReadiness>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageReadiness>());
        services
            .AddHealthChecks()
            .AddCheck<SiloActiveCheck>("silo", tags: [ReadyTag])
            .AddCheck<StorageReachableCheck>("storage", tags: [ReadyTag, AuditTag])
            .AddCheck<StreamProbeCheck>("stream:bus", tags: [AuditTag])
            .AddCheck<ApiPoolCheck>("api-pool", tags: [AuditTag])
            .AddTypeActivatedCheck<ApiProbeCheck>("api:" + ApiNames.Odds, null, [AuditTag], ApiNames.Odds)
            .AddTypeActivatedCheck<ApiProbeCheck>("api:" + ApiNames.FootballData, null, [AuditTag], ApiNames.FootballData)
            .AddCheck<DashboardCheck>("dashboard", tags: [AuditTag])
            .AddCheck<WebhookCheck>("webhook", tags: [AuditTag]);
        if (roles.Health)
        {
            services.AddSingleton<HostMeter>();
            services.AddHostedService<ConnectivityAuditor>();
        }
    }
}
