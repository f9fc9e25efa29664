using Orleans.Betting.Clock;
using Orleans.Betting.Configuration;
using Orleans.Betting.Drills;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Market;
using Orleans.Betting.Market.Live;
using Orleans.Betting.Quant;
using Orleans.Betting.Silo.Hosting;

namespace Orleans.Betting.Silo.Simulation;

/// <summary>
/// The one place the silo wires the odds-API simulator: a guest of the Embedded profile (and of the
/// tests), so a fresh machine runs the real client path offline. Nothing else in the silo depends on it.
/// </summary>
public static class SimulatorHosting
{
    /// <summary>The Embedded live market's speed unless <c>Betting:Clock:Speed</c> says otherwise: half an hour a second (a matchday in about a minute).</summary>
    public const double LiveDefaultSpeed = 1800;

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
        var sports = configuration[$"{LiveOddsOptions.Section}:Sports"];
        var liveDescription = "";
        var extra = new Dictionary<string, string?> { [OddsApiOptions.BaseUrlKey] = simulator.BaseUrl, [OddsApiOptions.ApiKeyKey] = key };
        var market = configuration.GetSection(MarketOptions.Section).Get<MarketOptions>() ?? new MarketOptions();
        if (market.IsLive && market.HistorySource == Orleans.Betting.Agents.MarketSource.Synthetic)
        {
            // The live market continues the synthetic history the agents learn from, on an accelerated market clock.
            var historySettings = market.ToSettings();
            var history = new SimulationOptions(
                historySettings.Seed,
                historySettings.SyntheticLeagues,
                historySettings.Seasons,
                MarketPlant.Parse(historySettings.Plant)
            );
            var speed = configuration.GetValue<double?>($"{ClockOptions.Section}:Speed") ?? LiveDefaultSpeed;
            var configuredStart = configuration.GetValue<DateTime?>($"{ClockOptions.Section}:LiveStartUtc");
            var configuredAnchor = configuration.GetValue<DateTime?>($"{ClockOptions.Section}:LiveAnchorUtc");
            var feed = new SyntheticLiveFeed(
                history,
                firstKickoff =>
                {
                    var start = configuredStart ?? firstKickoff - SyntheticLiveFeed.OpeningLead - TimeSpan.FromHours(2);
                    var anchor = configuredAnchor is { } a
                        ? new LiveClockAnchor("configured", start, a, speed)
                        : LiveClockAnchor.LoadOrCreate(
                            settings.DataDirectory,
                            $"seed={history.Seed};leagues={history.Leagues};plant={historySettings.Plant};seasons={string.Join(',', history.Seasons)}",
                            start,
                            speed,
                            DateTime.UtcNow
                        );
                    return new MarketTime(TimeProvider.System, anchor.StartUtc, anchor.AnchorUtc, speed);
                }
            );
            simulator.Attach(feed);
            // The silo's market time is the feed's: the same start, anchor and speed.
            foreach (var (clockKey, value) in feed.Time.Settings())
            {
                extra[clockKey] = value;
            }

            sports ??= string.Join(",", feed.SportKeys);
            // A poll per price tick of the feed (half an hour of market time), at least a second apart.
            extra[$"{LiveOddsOptions.Section}:PollSeconds"] =
                configuration[$"{LiveOddsOptions.Section}:PollSeconds"]
                ?? Math.Max(1, feed.Tick.TotalSeconds / speed).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            // Cached odds older than a price tick are stale on an accelerated market.
            extra["Betting:Apis:Odds:CacheSeconds"] =
                configuration["Betting:Apis:Odds:CacheSeconds"]
                ?? Math.Min(60, feed.Tick.TotalSeconds / speed / 2).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            liveDescription = $", live {feed.Time} continuing {history.Leagues} synthetic league(s) of seed {history.Seed}";
        }

        extra[$"{LiveOddsOptions.Section}:Sports"] = sports ?? "soccer_epl";
        // The quota plan starts from the simulator's month until its headers say so.
        extra["Betting:Apis:Odds:MonthlyCredits"] =
            configuration["Betting:Apis:Odds:MonthlyCredits"]
            ?? options.MonthlyQuota.ToString(System.Globalization.CultureInfo.InvariantCulture);
        configuration.AddInMemoryCollection(extra);
        builder.Services.AddSingleton(simulator);
        builder.Services.AddSingleton<IFaultInjector>(new SimulatorFaultInjector(simulator));
        builder.Services.AddSingleton(
            new OddsApiDescription(
                $"simulator {simulator.BaseUrl} ({simulator.Market.Options.RequestsPerSecond:0.#}/s, seed {simulator.Market.Options.Seed}{liveDescription})"
            )
        );
        return simulator;
    }
}
