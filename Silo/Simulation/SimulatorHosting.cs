using Orleans.Betting.Configuration;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Health;
using Orleans.Betting.Market.Live;
using Orleans.Betting.Silo.Hosting;

namespace Orleans.Betting.Silo.Simulation;

/// <summary>
/// The one place the silo wires the odds-API simulator: a guest of the Embedded profile (and of the
/// tests), so a fresh machine runs the real client path offline. Nothing else in the silo depends on it.
/// </summary>
public static class SimulatorHosting
{
    /// <summary>
    /// Embedded, with no odds API URL configured and <c>Betting:Simulator:Enabled</c> not false: stands the
    /// simulator up on loopback and points the odds client at it (with a per-process key unless one is
    /// configured); live odds poll <c>soccer_epl</c> unless sports are configured. Null when not wired.
    /// </summary>
    /// <exception cref="ConfigurationError">A bad <c>Betting:Simulator</c> value (the message names the key).</exception>
    public static async Task<OddsApiSimulator?> AddOddsApiSimulatorAsync(this WebApplicationBuilder builder, SiloSettings settings)
    {
        var configuration = builder.Configuration;
        var options = configuration.GetSection(SimulatorOptions.Section).Get<SimulatorOptions>() ?? new SimulatorOptions();
        var problems = new OptionsProblems(SimulatorOptions.Section);
        options.Validate(problems);
        if (problems.List.Count > 0)
        {
            throw new ConfigurationError(string.Join("; ", problems.List));
        }

        if (
            settings.Profile != HostingProfile.Embedded
            || !options.Enabled
            || !string.IsNullOrWhiteSpace(configuration[OddsApiOptions.BaseUrlKey])
        )
        {
            return null;
        }

        var key = configuration[OddsApiOptions.ApiKeyKey];
        if (string.IsNullOrWhiteSpace(key))
        {
            key = "sim-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        }

        var simulator = await OddsApiSimulator.StartAsync(options with { ApiKey = key }, options.Port);
        configuration.AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                [OddsApiOptions.BaseUrlKey] = simulator.BaseUrl,
                [OddsApiOptions.ApiKeyKey] = key,
                [$"{LiveOddsOptions.Section}:Sports"] = configuration[$"{LiveOddsOptions.Section}:Sports"] ?? "soccer_epl",
            }
        );
        builder.Services.AddSingleton(simulator);
        builder.Services.AddSingleton<IFaultInjector>(new SimulatorFaultInjector(simulator));
        builder.Services.AddSingleton(
            new OddsApiDescription(
                $"simulator {simulator.BaseUrl} ({simulator.Market.Options.RequestsPerSecond:0.#}/s, seed {simulator.Market.Options.Seed})"
            )
        );
        return simulator;
    }
}
