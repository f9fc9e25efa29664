using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Orleans.Betting.Silo.WebConsole;
using Orleans.Dashboard;

namespace Orleans.Betting.Silo.Hosting;

/// <summary>The silo's HTTP surface: the operator console and its JSON API, the dashboard (basic auth when configured), /metrics, /healthz and /readyz.</summary>
public static class BettingEndpoints
{
    public static WebApplication MapBettingEndpoints(this WebApplication app, SiloSettings settings)
    {
        app.UseDashboardBasicAuth(settings.Dashboard);
        app.MapOrleansDashboard(routePrefix: DashboardAuth.PathPrefix);
        app.MapOperatorConsole();
        app.MapGet("/", () => Results.Redirect(ConsoleEndpoints.ConsolePath + "/"));
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(BettingSiloServices.ReadyTag) });
        return app;
    }
}
