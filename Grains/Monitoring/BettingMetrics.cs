using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Orleans.Betting.Monitoring;

/// <summary>
/// Our own meters (System.Diagnostics.Metrics, meter "Orleans.Betting", instruments named
/// betting_*), exported beside Orleans' and the runtime's through OpenTelemetry at /metrics.
/// Gauges read the latest values the grains report here.
/// </summary>
public static class BettingMetrics
{
    public const string MeterName = "Orleans.Betting";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<string, double> Gauges = new(StringComparer.Ordinal);

    public static readonly Counter<long> ApiCalls = Meter.CreateCounter<long>(
        "betting_api_calls",
        description: "Upstream attempts by API and outcome"
    );
    public static readonly Histogram<double> ApiLatency = Meter.CreateHistogram<double>(
        "betting_api_latency",
        "ms",
        "Upstream attempt latency"
    );
    public static readonly Counter<long> ApiRequests = Meter.CreateCounter<long>(
        "betting_api_requests",
        description: "Requests to the pool by how they were served (upstream, cache, in-flight, failed)"
    );
    public static readonly Histogram<double> TokenWait = Meter.CreateHistogram<double>(
        "betting_bucket_wait",
        "ms",
        "Time waited for a token, by API and priority"
    );
    public static readonly Histogram<double> SwarmDuration = Meter.CreateHistogram<double>(
        "betting_swarm_duration",
        "s",
        "Swarm run wall time"
    );
    public static readonly Histogram<double> BacktestDuration = Meter.CreateHistogram<double>(
        "betting_backtest_duration",
        "ms",
        "One strategy backtest"
    );
    public static readonly Counter<long> Picks = Meter.CreateCounter<long>("betting_picks", description: "Consensus picks");
    public static readonly Counter<long> BetsPlaced = Meter.CreateCounter<long>("betting_bets_placed", description: "Paper bets placed");
    public static readonly Counter<long> BetsSettled = Meter.CreateCounter<long>("betting_bets_settled", description: "Paper bets settled");
    public static readonly Counter<long> AgentTicks = Meter.CreateCounter<long>(
        "betting_agent_ticks",
        description: "Agent ticks by agent and result"
    );
    public static readonly Counter<long> AgentWritesSkipped = Meter.CreateCounter<long>(
        "betting_agent_writes_skipped",
        description: "Agent ticks that changed nothing worth writing (the record was not rewritten)"
    );
    public static readonly Counter<long> AgentDeadLetters = Meter.CreateCounter<long>(
        "betting_agent_dead_letters",
        description: "Agent messages given up unacknowledged after the outbox's maximum age"
    );
    public static readonly Counter<long> AgentFaults = Meter.CreateCounter<long>(
        "betting_agent_faults",
        description: "Agents turning Faulted"
    );

    static BettingMetrics()
    {
        Meter.CreateObservableGauge(
            "betting_gauge",
            () =>
                Gauges.Select(g =>
                {
                    var (name, tag) = Split(g.Key);
                    return new Measurement<double>(
                        g.Value,
                        new KeyValuePair<string, object?>("name", name),
                        new KeyValuePair<string, object?>("key", tag)
                    );
                }),
            description: "Latest values: bucket tokens and waiting, quota left, bankroll, ROI, mean CLV"
        );
    }

    /// <summary>Sets a gauge, e.g. Set("bucket_tokens", "odds", 3).</summary>
    public static void Set(string name, string key, double value) => Gauges[$"{name}|{key}"] = value;

    private static (string Name, string Key) Split(string composite)
    {
        var bar = composite.IndexOf('|', StringComparison.Ordinal);
        return (composite[..bar], composite[(bar + 1)..]);
    }
}
