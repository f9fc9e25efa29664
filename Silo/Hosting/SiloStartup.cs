using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Orleans.Betting.Silo.Hosting;

/// <summary>The silo's start-up steps around the host: its builder, its ports, and running it until it stops.</summary>
public static class SiloStartup
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(
            new WebApplicationOptions
            {
                Args = args,
                // appsettings.json sits beside the binaries, wherever the silo is started from.
                ContentRootPath = AppContext.BaseDirectory,
            }
        );
        builder.Configuration.AddCommandLine(args, SiloSettings.SwitchMappings.ToDictionary());
        return builder;
    }

    /// <summary>The silo, gateway and HTTP ports must be free (default HTTP: <see cref="SiloBanner.DefaultUrls"/>).</summary>
    /// <exception cref="ConfigurationError">A port is taken (the message names its setting).</exception>
    public static void ClaimPorts(WebApplicationBuilder builder, SiloSettings settings)
    {
        var urls = builder.Configuration["urls"];
        if (string.IsNullOrWhiteSpace(urls))
        {
            urls = SiloBanner.DefaultUrls;
            builder.WebHost.UseUrls(urls);
        }

        // Kestrel:Endpoints override --urls: every configured listener is judged (and after start, what was bound).
        var endpoints = builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>();
        var listeners = string.Join(';', endpoints.Prepend(urls));
        var open = PortGuard.BeyondLoopback(listeners);
        if (settings.Dashboard is null && open is not null)
        {
            throw OpenWithoutCredentials(open);
        }

        // Loopback listeners answer loopback names only: a page elsewhere that resolves its own name to
        // 127.0.0.1 (DNS rebinding) cannot read the dashboard or its log stream through the browser.
        if (open is null && string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"]))
        {
            builder.Configuration["AllowedHosts"] = LoopbackHosts;
        }

        PortGuard.EnsureFree(settings.SiloPort, SiloSettings.SiloPortKey);
        PortGuard.EnsureFree(settings.GatewayPort, SiloSettings.GatewayPortKey);
        foreach (var port in PortGuard.HttpPorts(listeners))
        {
            PortGuard.EnsureFree(port, "urls (--urls / ASPNETCORE_URLS)");
        }
    }

    /// <summary>An HTTP listener other machines reach, with no dashboard credentials set: what to do about it.</summary>
    private static ConfigurationError OpenWithoutCredentials(string listener) =>
        new(
            SiloSettings.DashboardUserKey,
            $"the HTTP listener {listener} can be reached from other machines, and without credentials the dashboard, its log stream "
                + $"and /metrics would be open to anyone there: set {SiloSettings.DashboardUserKey} and {SiloSettings.DashboardPasswordKey} "
                + "(environment Betting__Dashboard__Username / Betting__Dashboard__Password), or listen on 127.0.0.1 (--urls http://127.0.0.1:8080)"
        );

    /// <summary>The Host header names a loopback listener answers to (AllowedHosts, unless set).</summary>
    public const string LoopbackHosts = "localhost;127.0.0.1;[::1]";

    /// <summary>
    /// Starts the host, judges every listener by what it actually bound (Kestrel:Endpoints included,
    /// which --urls does not show), prints the banner and runs until Ctrl+C or SIGTERM.
    /// </summary>
    public static async Task<int> RunAsync(WebApplication app, SiloSettings settings, System.Diagnostics.Stopwatch started)
    {
        try
        {
            await app.StartAsync();
        }
        catch (Exception e) when (SiloOptions.Problems(e) is { Count: > 0 } problems)
        {
            await TryStopAsync(app);
            return SiloCommands.Fail(SiloCommands.BadConfiguration, $"configuration error: {string.Join("; ", problems)}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await TryStopAsync(app);
            return SiloCommands.Fail(SiloCommands.StartFailed, $"silo failed to start: {e.Innermost().Message}");
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (settings.Dashboard is null && PortGuard.BeyondLoopback(string.Join(';', bound)) is { } open)
        {
            await TryStopAsync(app);
            return SiloCommands.Fail(
                SiloCommands.BadConfiguration,
                $"configuration error: {OpenWithoutCredentials($"{open} (as bound)").Message}"
            );
        }

        SiloBanner.Print(app, settings, started.Elapsed);
        await app.WaitForShutdownAsync();
        return SiloCommands.Ok;
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
}
