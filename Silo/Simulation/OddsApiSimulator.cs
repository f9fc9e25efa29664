using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Orleans.Betting.Silo.Simulation;

/// <summary>
/// A stand-in for The Odds API v4 on loopback (../shared/docs/odds-api-v4.md): the same paths,
/// parameters, shapes, credit costs and quota headers, a rate limit answered with 429 +
/// Retry-After, and faults injected on demand. The embedded silo points its odds client here, so
/// the real client path (Refit, Polly, token bucket, worker pool) always runs; tests and
/// benchmarks use it too. Control endpoints live under /simulator/.
/// </summary>
public sealed partial class OddsApiSimulator : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private readonly WebApplication app;
    private readonly TimeProvider time;
    private double tokens;
    private long lastRefill;
    private readonly Lock gate = new();
    private TimeSpan clockOffset;
    private SimulatorFault? fault;
    private readonly Dictionary<string, (long Tick, DateTime UntilUtc)> stalledBooks = new(StringComparer.Ordinal);
    private long requests,
        served,
        rateLimited,
        faultsInjected,
        creditsUsed,
        rejected;
    private long requestsSincePrune;
    private int creditMonth;
    private long creditsTotal; // every credit charged, across monthly resets
    private long faultBodyBytes; // bytes of huge or trickling bodies written to clients

    private OddsApiSimulator(WebApplication app, SimulatorOptions options, TimeProvider time)
    {
        this.app = app;
        this.time = time;
        Market = new SimulatedOddsMarket(options);
        tokens = Math.Max(1, options.Burst);
        lastRefill = time.GetTimestamp();
    }

    /// <summary>Ends with a slash, ready to be a client's base address.</summary>
    public string BaseUrl { get; private set; } = "";

    public SimulatedOddsMarket Market { get; }

    public DateTime Now => time.GetUtcNow().UtcDateTime + clockOffset;

    /// <summary>The seasons after a synthetic history, served live (Embedded's live market); null when not attached.</summary>
    public SyntheticLiveFeed? Synthetic { get; private set; }

    /// <summary>The synthetic feed's time: the shared market time plus the test offset.</summary>
    public DateTime SyntheticNow => (Synthetic?.Time.UtcNow ?? time.GetUtcNow().UtcDateTime) + clockOffset;

    /// <summary>Serves the synthetic leagues as live sports (<c>soccer_synthetic_s1</c>…) beside the endless fixture lists.</summary>
    public void Attach(SyntheticLiveFeed feed) => Synthetic = feed;

    public static async Task<OddsApiSimulator> StartAsync(
        SimulatorOptions options,
        int port = 0,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? time = null
    )
    {
        if (options.RequestsPerSecond <= 0 || options.Burst < 1)
        {
            throw new ArgumentException($"simulator rate limit {options.RequestsPerSecond}/s burst {options.Burst} must be positive");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        var app = builder.Build();
        var simulator = new OddsApiSimulator(app, options, time ?? TimeProvider.System);
        simulator.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        simulator.BaseUrl = address.TrimEnd('/') + "/";
        return simulator;
    }

    public SimulatorStats Stats()
    {
        lock (gate)
        {
            return new SimulatorStats(
                requests,
                served,
                rateLimited,
                faultsInjected,
                rejected,
                creditsUsed,
                Market.Options.MonthlyQuota - creditsUsed,
                fault?.Kind.ToString(),
                fault?.UntilUtc,
                creditsTotal,
                Interlocked.Read(ref faultBodyBytes)
            );
        }
    }

    /// <summary>From now until the duration ends, API calls meet the fault (latency delays, the others replace the answer).</summary>
    public void InjectFault(SimulatorFaultKind kind, TimeSpan duration, TimeSpan? latency = null)
    {
        lock (gate)
        {
            fault = new SimulatorFault(kind, time.GetUtcNow().UtcDateTime + duration, latency ?? TimeSpan.FromSeconds(3));
        }
    }

    /// <summary>The next <paramref name="requests"/> API calls meet the fault, whenever they come (a retry schedule cannot outrun it).</summary>
    public void InjectFaultForRequests(SimulatorFaultKind kind, int requests)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requests);
        lock (gate)
        {
            fault = new SimulatorFault(kind, DateTime.MaxValue, TimeSpan.FromSeconds(3), requests);
        }
    }

    public void ClearFaults()
    {
        lock (gate)
        {
            fault = null;
            stalledBooks.Clear();
        }
    }

    /// <summary>A bookmaker stops publishing: until the duration ends its prices and last_update stay at the current tick (a stale book).</summary>
    public void StallBookmaker(string key, TimeSpan duration)
    {
        if (SimulatedOddsMarket.Bookmakers.All(b => b.Key != key))
        {
            throw new ArgumentException(
                $"bookmaker '{key}': one of {string.Join(", ", SimulatedOddsMarket.Bookmakers.Select(b => b.Key))}"
            );
        }

        lock (gate)
        {
            stalledBooks[key] = (Market.Tick(Now), time.GetUtcNow().UtcDateTime + duration);
        }
    }

    private Dictionary<string, long>? StalledBooks()
    {
        lock (gate)
        {
            var now = time.GetUtcNow().UtcDateTime;
            return stalledBooks.Count == 0
                ? null
                : stalledBooks.Where(s => s.Value.UntilUtc > now).ToDictionary(s => s.Key, s => s.Value.Tick, StringComparer.Ordinal);
        }
    }

    /// <summary>The month runs on: credits are spent as if by other calls, so the quota headers report what is left.</summary>
    public void SpendCredits(long credits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(credits);
        lock (gate)
        {
            creditsUsed = Math.Min(Market.Options.MonthlyQuota, creditsUsed + credits);
        }
    }

    /// <summary>The month's credits reset (the API's monthly renewal).</summary>
    public void ResetMonth()
    {
        lock (gate)
        {
            creditsUsed = 0;
        }
    }

    /// <summary>Moves the simulator's market clock forward (prices walk, events kick off), not its rate limiter.</summary>
    public void AdvanceClock(TimeSpan by)
    {
        lock (gate)
        {
            clockOffset += by;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
