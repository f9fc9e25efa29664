using Orleans.Betting.Quant;
using Orleans.Betting.Silo.Simulation;

namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>
/// The live market the multi-silo live tests trade: the simulator serving the seasons after a
/// stale-book synthetic history of one league (seed given) over loopback HTTP, on a clock of two
/// market hours a wall second, and the settings that point Cluster silo processes at it.
/// </summary>
public sealed class SimulatedLiveMarket : IAsyncDisposable
{
    public const double Speed = 7200;

    private readonly int seed;
    private readonly string apiKey;

    private SimulatedLiveMarket(OddsApiSimulator simulator, SyntheticLiveFeed feed, int seed, string apiKey)
    {
        Simulator = simulator;
        Feed = feed;
        this.seed = seed;
        this.apiKey = apiKey;
    }

    public OddsApiSimulator Simulator { get; }

    public SyntheticLiveFeed Feed { get; }

    public static async Task<SimulatedLiveMarket> StartAsync(int seed, string apiKey)
    {
        var history = new SimulationOptions(seed, 1, ["2019-2020", "2020-2021", "2021-2022", "2022-2023"], MarketPlant.StaleBook);
        var simulator = await OddsApiSimulator.StartAsync(
            new SimulatorOptions
            {
                ApiKey = apiKey,
                RequestsPerSecond = 50,
                Burst = 50,
            }
        );
        var feed = SyntheticLiveFeed.StartingBefore(history, TimeSpan.FromHours(52), Speed);
        simulator.Attach(feed);
        return new SimulatedLiveMarket(simulator, feed, seed, apiKey);
    }

    /// <summary>A Cluster silo's environment: agents trading this market fast, sharing its market time; plus <paramref name="extra"/>.</summary>
    public Dictionary<string, string> SiloEnvironment(string database, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>(SiloProcess.FastFailureDetection)
        {
            ["Betting__Agents__Enabled"] = "true",
            ["Betting__Agents__TickSeconds"] = "0.25",
            ["Betting__Agents__MaxCandidates"] = "40",
            ["Betting__Agents__MaxDeployed"] = "3",
            ["Betting__Market__Source"] = "live",
            ["Betting__Market__History"] = "synthetic",
            ["Betting__Market__Seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Betting__Market__Plant"] = "stale-book",
            ["Betting__Market__Leagues"] = "1",
            ["Betting__Market__Seasons"] = "2019-2020..2022-2023",
            ["Betting__LiveOdds__Sports"] = "soccer_synthetic_s1",
            ["Betting__LiveOdds__PollSeconds"] = "1",
            ["Betting__LiveOdds__MaxQuoteAgeMinutes"] = "240",
            ["Betting__LiveOdds__SettleEveryMinutes"] = "60",
            ["Betting__Apis__Odds__BaseUrl"] = Simulator.BaseUrl,
            ["Betting__Apis__Odds__ApiKey"] = apiKey,
            ["Betting__Apis__Odds__CacheSeconds"] = "0.1",
            ["Betting__Apis__odds__TokensPerSecond"] = "40",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var env = SiloProcess.ClusterEnvironment(database, settings);
        foreach (var (key, value) in Feed.Time.Settings())
        {
            env[key.Replace(":", "__", StringComparison.Ordinal)] = value; // the silos share the simulator's market time
        }

        return env;
    }

    /// <summary>An Embedded silo's environment (SQLite in its data directory): agents trading this market fast, on its market time; plus <paramref name="extra"/>.</summary>
    public Dictionary<string, string> EmbeddedEnvironment(IReadOnlyDictionary<string, string>? extra = null)
    {
        var env = SiloEnvironment("unused", extra);
        env.Remove("ConnectionStrings__Betting");
        env.Remove("Orleans__AdvertisedIP");
        if (extra?.ContainsKey("Betting__Dashboard__Username") != true)
        {
            env.Remove("Betting__Dashboard__Username");
            env.Remove("Betting__Dashboard__Password");
        }

        return env;
    }

    public ValueTask DisposeAsync() => Simulator.DisposeAsync();
}
