using Orleans.Betting.Silo.Storage;

namespace Orleans.Betting.Silo.Hosting;

/// <summary>The start-up steps that can refuse to start, each with its exit code and one line saying why.</summary>
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

    /// <summary>Host settings (profile, storage, ports, TLS, dashboard credentials).</summary>
    public static int TryReadSettings(IConfiguration configuration, bool forMigrationOnly, out SiloSettings settings)
    {
        try
        {
            settings = SiloSettings.Read(configuration, forMigrationOnly);
            return SiloCommands.Ok;
        }
        catch (ConfigurationError e)
        {
            settings = null!;
            return SiloCommands.Fail(SiloCommands.BadConfiguration, $"configuration error: {e.Message}");
        }
    }

    /// <summary>Every typed option, validated before anything touches storage; the silo's roles follow from them.</summary>
    public static int TryValidateOptions(IConfiguration configuration, SiloSettings settings, out SiloRoles roles)
    {
        try
        {
            roles = SiloOptions.Validate(configuration, settings);
            return SiloCommands.Ok;
        }
        catch (ConfigurationError e)
        {
            roles = null!;
            return SiloCommands.Fail(SiloCommands.BadConfiguration, $"configuration error: {e.Message}");
        }
    }

    /// <summary>The silo, gateway and HTTP ports must be free (default HTTP: <see cref="SiloBanner.DefaultUrls"/>).</summary>
    public static int TryClaimPorts(WebApplicationBuilder builder, SiloSettings settings)
    {
        var urls = builder.Configuration["urls"];
        if (string.IsNullOrWhiteSpace(urls))
        {
            urls = SiloBanner.DefaultUrls;
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

            return SiloCommands.Ok;
        }
        catch (ConfigurationError e)
        {
            return SiloCommands.Fail(SiloCommands.BadConfiguration, $"configuration error: {e.Message}");
        }
    }

    /// <summary>Our schema, applied idempotently at every start.</summary>
    public static async Task<int> TryMigrateAsync(SiloSettings settings)
    {
        try
        {
            await SchemaMigrator.ApplyAsync(settings.Database);
            return SiloCommands.Ok;
        }
        catch (DatabaseUnavailableException e)
        {
            return SiloCommands.Fail(SiloCommands.DatabaseUnavailable, $"database error: {e.Message}");
        }
    }

    /// <summary>Starts the host, prints the banner and runs until Ctrl+C or SIGTERM.</summary>
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
