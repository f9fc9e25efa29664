using Orleans.Betting.Silo.Hosting;
using Orleans.Betting.Silo.Security;
using Orleans.Betting.Silo.Simulation;
using Orleans.Betting.Silo.Storage;

// Orleans.Betting.Silo [migrate | probe URL | dev-certs --out DIR --silos A,B --clients C] [--profile P] [--data-dir D] [--urls U] [--Key=Value]
// Exit codes: 0 ok, 2 bad configuration, 3 database unavailable, 1 anything else at start-up.
if (SiloCommands.Is(args, "dev-certs"))
{
    return SiloCommands.DevCertificates(args[1..]);
}

if (SiloCommands.Is(args, "probe"))
{
    return await SiloCommands.ProbeAsync(args.Length > 1 ? args[1] : SiloCommands.DefaultProbeUrl);
}

var migrateOnly = SiloCommands.Is(args, "migrate");
var builder = SiloStartup.CreateBuilder(migrateOnly ? args[1..] : args);
try
{
    var settings = SiloSettings.Read(builder.Configuration, forMigrationOnly: migrateOnly);
    if (migrateOnly)
    {
        return await SiloCommands.MigrateAsync(settings, builder.Configuration[SiloCommands.RuntimeRoleKey]);
    }

    SiloProfiles.AddProfileDefaults(builder.Configuration, settings.Profile);

    // Refuse bad configuration before anything touches storage or a port.
    var roles = SiloOptions.Validate(builder.Configuration, settings);
    SiloStartup.ClaimPorts(builder, settings);
    var started = System.Diagnostics.Stopwatch.StartNew();
    await SchemaMigrator.ApplyAsync(settings.Database);
    if (settings.Profile != HostingProfile.Embedded && await RuntimeRole.DdlCapabilityAsync(settings.Database) is { } ddl)
    {
        // Allowed (a development database), but said: in production the silos' role only reads and writes rows.
        Console.Error.WriteLine(
            $"warning: {ddl}; run the silos as a role without DDL (`migrate` with --{SiloCommands.RuntimeRoleKey}=ROLE grants one what it needs)"
        );
    }

    if (settings.Operators is not null)
    {
        settings = settings with { InternalCallKey = await InternalCallKey.ReadAsync(settings.Database) };
    }

    await using var simulator = await builder.AddOddsApiSimulatorAsync(settings);
    builder.AddBettingSilo(settings, roles);
    var app = builder.Build();
    app.MapBettingEndpoints(settings);
    return await SiloStartup.RunAsync(app, settings, started);
}
catch (ConfigurationError e)
{
    return SiloCommands.Fail(SiloCommands.BadConfiguration, $"configuration error: {e.Message}");
}
catch (DatabaseUnavailableException e)
{
    return SiloCommands.Fail(SiloCommands.DatabaseUnavailable, $"database error: {e.Message}");
}
