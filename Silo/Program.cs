using Orleans.Betting.Silo.Hosting;
using Orleans.Betting.Silo.Simulation;

// Orleans.Betting.Silo [migrate | probe URL] [--profile P] [--data-dir D] [--urls U] [--Key=Value]
// Exit codes: 0 ok, 2 bad configuration, 3 database unavailable, 1 anything else at start-up.
if (SiloCommands.Is(args, "probe"))
{
    return await SiloCommands.ProbeAsync(args.Length > 1 ? args[1] : SiloCommands.DefaultProbeUrl);
}

var migrateOnly = SiloCommands.Is(args, "migrate");
var builder = SiloStartup.CreateBuilder(migrateOnly ? args[1..] : args);
if (SiloStartup.TryReadSettings(builder.Configuration, migrateOnly, out var settings) is not SiloCommands.Ok and var badSettings)
{
    return badSettings;
}

if (migrateOnly)
{
    return await SiloCommands.MigrateAsync(settings);
}

if (SiloStartup.TryValidateOptions(builder.Configuration, settings, out var roles) is not SiloCommands.Ok and var badOptions)
{
    return badOptions;
}

if (SiloStartup.TryClaimPorts(builder, settings) is not SiloCommands.Ok and var portTaken)
{
    return portTaken;
}

var started = System.Diagnostics.Stopwatch.StartNew();
if (await SiloStartup.TryMigrateAsync(settings) is not SiloCommands.Ok and var noDatabase)
{
    return noDatabase;
}

OddsApiSimulator? simulator;
try
{
    simulator = await builder.AddOddsApiSimulatorAsync(settings);
}
catch (ConfigurationError e)
{
    return SiloCommands.Fail(SiloCommands.BadConfiguration, $"configuration error: {e.Message}");
}

await using (simulator)
{
    builder.AddBettingSilo(settings, roles);
    var app = builder.Build();
    app.MapBettingEndpoints(settings);
    return await SiloStartup.RunAsync(app, settings, started);
}
