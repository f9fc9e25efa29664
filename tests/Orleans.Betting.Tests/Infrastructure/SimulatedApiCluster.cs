using Orleans.Betting.ExternalApis;
using Orleans.Betting.Silo.Simulation;
using Orleans.Betting.Silo.Storage;

namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>
/// The odds-API simulator on loopback plus an in-process cluster (SQLite storage) whose odds client
/// points at it, with short resilience settings so retries, breaks and recovery fit in a test.
/// </summary>
public sealed class SimulatedApiCluster : IAsyncDisposable
{
    private readonly TempDirectory directory;

    private SimulatedApiCluster(OddsApiSimulator simulator, StorageCluster cluster, TempDirectory directory)
    {
        Simulator = simulator;
        Cluster = cluster;
        this.directory = directory;
    }

    public const string ApiKey = "test-odds-key";

    public OddsApiSimulator Simulator { get; }

    public StorageCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Grains;

    public static async Task<SimulatedApiCluster> StartAsync(
        string name,
        SimulatorOptions simulatorOptions,
        short silos = 2,
        IReadOnlyDictionary<string, string?>? configuration = null,
        Func<OddsApiSimulator, IReadOnlyDictionary<string, string?>>? prepare = null
    )
    {
        var simulator = await OddsApiSimulator.StartAsync(simulatorOptions with { ApiKey = ApiKey });
        var directory = new TempDirectory(name);
        var settings = new Dictionary<string, string?>
        {
            [OddsApiOptions.BaseUrlKey] = simulator.BaseUrl,
            [OddsApiOptions.ApiKeyKey] = ApiKey,
            ["Betting:Apis:Odds:CacheSeconds"] = "0",
            ["Betting:Apis:odds:Resilience:AttemptTimeout:Timeout"] = "00:00:01",
            ["Betting:Apis:odds:Resilience:TotalRequestTimeout:Timeout"] = "00:00:15",
            ["Betting:Apis:odds:Resilience:Retry:MaxRetryAttempts"] = "2",
            ["Betting:Apis:odds:Resilience:Retry:Delay"] = "00:00:00.100",
            ["Betting:Apis:odds:Resilience:CircuitBreaker:MinimumThroughput"] = "8",
            ["Betting:Apis:odds:Resilience:CircuitBreaker:FailureRatio"] = "0.5",
            ["Betting:Apis:odds:Resilience:CircuitBreaker:SamplingDuration"] = "00:00:02",
            ["Betting:Apis:odds:Resilience:CircuitBreaker:BreakDuration"] = "00:00:02",
        };
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        // What the test stands up beside the simulator (a synthetic live feed, say) and the settings it needs.
        foreach (var (key, value) in prepare?.Invoke(simulator) ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var cluster = await StorageCluster.StartAsync(
            DatabaseTarget.SqliteFile(Path.Combine(directory.Path, "b.db")),
            name,
            silos,
            settings
        );
        return new SimulatedApiCluster(simulator, cluster, directory);
    }

    /// <summary>Calls until a request succeeds (the circuit closed again), up to the time limit.</summary>
    public async Task<OddsFetchResult> RecoveredAsync(OddsQuery query, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                return await Grains.GetGrain<IApiWorkerGrain>(0).GetOddsAsync(query, RequestPriority.High);
            }
            catch (ExternalApiException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(250);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Simulator.DisposeAsync();
        directory.Dispose();
    }
}
