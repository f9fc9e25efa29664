using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Silo.Hosting;

/// <summary>What a newcomer sees once the silo is up: where everything is and how to reach it.</summary>
public static class SiloBanner
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    public static void Print(WebApplication app, SiloSettings settings, TimeSpan elapsed)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var http = (addresses.FirstOrDefault() ?? DefaultUrls).TrimEnd('/');
        var local = app.Services.GetRequiredService<ILocalSiloDetails>();
        var odds =
            app.Services.GetService<OddsApiDescription>()?.Text
            ?? app.Services.GetRequiredService<IOptions<OddsApiOptions>>().Value.BaseUrl
            ?? OddsApiOptions.DefaultBaseUrl;
        var roles = app.Services.GetRequiredService<SiloRoles>();
        var market = app.Services.GetRequiredService<IOptions<Market.MarketOptions>>().Value;
        var runs = string.Join(
            ", ",
            new[]
            {
                roles.Agents
                    ? (
                        market.IsLive
                            ? "agents trading the LIVE market"
                            : $"agents replaying a {Orleans.Betting.Agents.MarketSourceNames.Name(market.SourceKind)} market"
                    )
                    : null,
                roles.MainJob ? "main job" : null,
                roles.Health ? "health monitor" : null,
            }.OfType<string>()
        );
        Console.WriteLine(
            $"""
            ── Orleans.Betting silo ready in {elapsed.TotalSeconds:F1} s ──
              profile    {settings.Profile}
              runs       {(runs.Length == 0 ? "grains only" : runs)}
              cluster    {settings.ClusterId} / service {settings.ServiceId}
              silo       {local.SiloAddress} (silo port {settings.SiloPort}, gateway port {settings.GatewayPort})
              storage    {settings.StorageDescription} (grain state and reminders)
              data dir   {(settings.Profile == HostingProfile.Embedded ? settings.DataDirectory : "-")}
              dashboard  {http}/dashboard/{(settings.Dashboard is null ? "" : " (basic auth)")}
              health     {http}/healthz  {http}/readyz
              odds API   {odds}
              client     Client/betting status --gateway 127.0.0.1:{settings.GatewayPort}
            Press Ctrl+C (or send SIGTERM) to stop gracefully.
            """
        );
    }
}
