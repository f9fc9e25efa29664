using Orleans.Concurrency;

namespace Orleans.Betting.ExternalApis;

/// <summary>
/// Counters of one API (requests, cache and in-flight hits, upstream attempts by outcome, credits,
/// latency percentiles over the last attempts, circuit state per silo). In memory: monitors sample
/// it into persisted series; a restart starts the counters again.
/// </summary>
[Reentrant]
public sealed class ApiUsageGrain(TimeProvider time) : Grain, IApiUsageGrain
{
    private const int LatencyWindow = 1024;
    private readonly double[] latencies = new double[LatencyWindow];
    private readonly Dictionary<string, long> attemptsBySilo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SiloCircuit> circuits = new(StringComparer.Ordinal);
    private long latencyCount;
    private readonly Queue<string> recentMalformed = new();
    private long requests,
        cache,
        joined,
        failed,
        attempts,
        successes,
        errors,
        rateLimited,
        timeouts,
        credits,
        openings,
        connection,
        malformed;
    private double successLatencyTotal;
    private string? lastError;
    private DateTime? lastErrorUtc;

    public Task RecordAttemptAsync(ApiCallRecord call)
    {
        attempts++;
        attemptsBySilo[call.Silo] = attemptsBySilo.GetValueOrDefault(call.Silo) + 1;
        credits += call.Cost ?? 0;
        switch (call.Outcome)
        {
            case ApiCallOutcome.Success:
                successes++;
                successLatencyTotal += call.LatencyMs;
                latencies[latencyCount++ % LatencyWindow] = call.LatencyMs;
                break;
            case ApiCallOutcome.RateLimited:
                rateLimited++;
                errors++;
                break;
            case ApiCallOutcome.Timeout:
                timeouts++;
                errors++;
                break;
            case ApiCallOutcome.Connection:
                connection++;
                errors++;
                break;
            default:
                errors++;
                break;
        }

        if (call.Outcome != ApiCallOutcome.Success)
        {
            lastError = call.Error;
            lastErrorUtc = call.AtUtc;
        }

        return Task.CompletedTask;
    }

    public Task RecordServedAsync(ApiServedFrom servedFrom, ApiFailure? failure = null, string? requestKey = null)
    {
        if (failure == ApiFailure.MalformedResponse)
        {
            malformed++;
            if (requestKey is not null && !recentMalformed.Contains(requestKey))
            {
                recentMalformed.Enqueue(requestKey);
                if (recentMalformed.Count > 50)
                {
                    recentMalformed.Dequeue();
                }
            }
        }

        requests++;
        switch (servedFrom)
        {
            case ApiServedFrom.Cache:
                cache++;
                break;
            case ApiServedFrom.InFlight:
                joined++;
                break;
            case ApiServedFrom.Failed:
                failed++;
                break;
        }

        return Task.CompletedTask;
    }

    public Task RecordCircuitAsync(string silo, CircuitState state, DateTime? untilUtc)
    {
        if (state == CircuitState.Open)
        {
            openings++;
        }

        circuits[silo] = new SiloCircuit(silo, state, untilUtc);
        return Task.CompletedTask;
    }

    public Task<ApiUsage> GetUsageAsync()
    {
        var window = latencies.AsSpan(0, (int)Math.Min(latencyCount, LatencyWindow)).ToArray();
        Array.Sort(window);
        return Task.FromResult(
            new ApiUsage(
                this.GetPrimaryKeyString(),
                requests,
                cache,
                joined,
                failed,
                attempts,
                successes,
                errors,
                rateLimited,
                timeouts,
                credits,
                Percentile(window, 0.50),
                Percentile(window, 0.99),
                new Dictionary<string, long>(attemptsBySilo),
                lastError,
                lastErrorUtc,
                Circuits(),
                openings,
                connection,
                malformed,
                successLatencyTotal,
                recentMalformed.ToList()
            )
        );
    }

    /// <summary>The silos whose circuit is not closed, by silo; an open circuit whose break is over lets the next call through (half-open).</summary>
    private List<SiloCircuit> Circuits()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return circuits
            .Values.Where(c => c.State != CircuitState.Closed)
            .Select(c =>
                c is { State: CircuitState.Open, UntilUtc: { } until } && until <= now
                    ? c with
                    {
                        State = CircuitState.HalfOpen,
                        UntilUtc = null,
                    }
                    : c
            )
            .OrderBy(c => c.Silo, StringComparer.Ordinal)
            .ToList();
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
