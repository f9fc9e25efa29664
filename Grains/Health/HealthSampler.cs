using Microsoft.Extensions.Logging;
using Orleans.Betting.Agents;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Market;
using Orleans.Betting.Strategies;

namespace Orleans.Betting.Health;

/// <summary>
/// The health monitor's sampler: one bounded read of each source (API usage as differences since the last
/// sample, the connectivity graph, agents, deployed strategies' live records, bookmakers' freshness, silos)
/// into a <see cref="HealthSample"/>. Lives as long as the monitor's activation (it keeps the last usage read).
/// </summary>
public sealed class HealthSampler(IGrainFactory grains, ILogger logger)
{
    private readonly Dictionary<string, ApiUsage> previousUsage = new(StringComparer.Ordinal);

    /// <summary>The sample; <paramref name="state"/>'s record of human resumes is updated (the result says whether it changed).</summary>
    public async Task<(HealthSample Sample, bool ResumesChanged)> CollectAsync(
        DateTime now,
        HealthMonitorState state,
        HealthOptions settings,
        IReadOnlyList<string> sports,
        CancellationToken cancellationToken
    )
    {
        var apis = new List<ApiSample>();
        foreach (var api in ApiNames.All)
        {
            var usage = await grains.GetGrain<IApiUsageGrain>(api).GetUsageAsync();
            if (previousUsage.TryGetValue(api, out var before))
            {
                var successes = usage.UpstreamSuccesses - before.UpstreamSuccesses;
                var rateLimited = usage.RateLimited - before.RateLimited;
                var timeouts = usage.Timeouts - before.Timeouts;
                var connection = usage.ConnectionErrors - before.ConnectionErrors;
                apis.Add(
                    new ApiSample(
                        api,
                        usage.UpstreamAttempts - before.UpstreamAttempts,
                        usage.UpstreamErrors - before.UpstreamErrors - rateLimited - timeouts - connection,
                        rateLimited,
                        timeouts,
                        connection,
                        usage.MalformedResponses - before.MalformedResponses,
                        successes > 0 ? (usage.SuccessLatencyTotalMs - before.SuccessLatencyTotalMs) / successes : null,
                        // Probes alone can open the breaker of an API nothing here uses: that is the graph's Degraded, not an incident.
                        usage.UpstreamAttempts > 0
                            && usage.OpenOnAnySilo
                    )
                );
            }

            previousUsage[api] = usage;
        }

        // An API with an open incident and no traffic in the interval is probed, so a fixed fault is
        // confirmed within a few samples instead of waiting for the next poll (a minute or more apart).
        for (var i = 0; i < apis.Count; i++)
        {
            var subject = $"api:{apis[i].Api}";
            if (apis[i].Attempts == 0 && state.Book.Incidents.Any(x => x.Open && x.Subject == subject))
            {
                var api = apis[i].Api;
                if (
                    await Bounded(
                        () => grains.GetGrain<IApiWorkerGrain>(0).RecoveryProbeAsync(api, cancellationToken),
                        $"probe of {api}"
                    ) is
                    { } probe
                )
                {
                    apis[i] = HealthRules.FromProbe(apis[i], probe);
                }
            }
        }

        // Components as the silos' auditors last reported them (stale reports are not evidence).
        var graph = await grains.GetGrain<IConnectivityGrain>(IConnectivityGrain.Key).GetGraphAsync();
        var fresh = TimeSpan.FromSeconds(3 * settings.AuditSeconds + 5);
        var components = graph.Components.Where(c => now - c.CheckedUtc <= fresh).ToList();

        var agents = new List<AgentSample>();
        foreach (var (name, _) in AgentNames.All)
        {
            if (await Bounded(() => grains.Agent(name).GetStatusAsync(), $"agent {name}") is { } status)
            {
                agents.Add(new AgentSample(name, status.State, status.StateReason, status.RecordBytes));
            }
        }

        var resumesChanged = false;
        var strategies =
            await Bounded(
                async () =>
                {
                    var (samples, changed) = await StrategySamplesAsync(agents, state, settings.Rules.MinLiveBets);
                    resumesChanged = changed;
                    return samples;
                },
                "strategies"
            ) ?? [];
        var books = await Bounded(() => BookSamplesAsync(sports), "bookmakers") ?? [];
        return (new HealthSample(now, apis, components, agents, strategies, books), resumesChanged);
    }

    /// <summary>One slow or failing source (a grain whose state cannot load while storage is down) must not stop the sample.</summary>
    private async Task<T?> Bounded<T>(Func<Task<T>> read, string what)
        where T : class
    {
        try
        {
            return await read().WaitAsync(TimeSpan.FromSeconds(3));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            HealthLog.NotRead(logger, what, e.Message);
            return null;
        }
    }

    /// <summary>Deployed strategies with live bets, against the range of their latest validated report.</summary>
    private async Task<(IReadOnlyList<StrategyLiveSample> Samples, bool ResumesChanged)> StrategySamplesAsync(
        IReadOnlyList<AgentSample> agents,
        HealthMonitorState state,
        int minLiveBets
    )
    {
        var changed = false;
        if (agents.FirstOrDefault(a => a.Name == AgentNames.PerformanceAnalyst) is not { State: not AgentState.Idle })
        {
            return ([], false);
        }

        var records = await grains.GetGrain<IPerformanceAnalystAgent>(AgentNames.PerformanceAnalyst).TrackRecordsAsync();
        var samples = new List<StrategyLiveSample>();
        foreach (var record in records.Where(r => r.Bets >= minLiveBets))
        {
            var info = await grains.GetGrain<IStrategyGrain>(record.StrategyId).GetAsync();
            if (info.Reports.LastOrDefault() is not { } validated)
            {
                continue;
            }

            // The live bets when a human last resumed it, as first seen after the resume.
            var betsAtResume = 0;
            if (info.ResumedUtc is { } resumed)
            {
                if (state.Resumes.GetValueOrDefault(record.StrategyId) is not { } seen || seen.ResumedUtc != resumed)
                {
                    seen = new HumanResume(resumed, record.Bets);
                    state.Resumes[record.StrategyId] = seen;
                    changed = true;
                }

                betsAtResume = seen.BetsAtResume;
            }

            samples.Add(
                new StrategyLiveSample(
                    record.StrategyId,
                    record.Bets,
                    record.Roi,
                    record.ReturnSd,
                    record.MeanClv,
                    validated.Figures.RoiLow95,
                    validated.Figures.MeanClv,
                    info.PausedReason is not null,
                    betsAtResume
                )
            );
        }

        return (samples, changed);
    }

    private async Task<IReadOnlyList<BookFreshness>> BookSamplesAsync(IReadOnlyList<string> sports)
    {
        var books = new List<BookFreshness>();
        foreach (var sport in sports)
        {
            var board = await grains.GetGrain<ILiveOddsGrain>(sport).GetBoardAsync();
            if (board.BookmakerUpdates is not { Count: > 1 } updates)
            {
                continue;
            }

            var freshest = updates.Values.Max();
            books.AddRange(updates.Select(u => new BookFreshness(sport, u.Key, u.Value, freshest)));
        }

        return books;
    }

    /// <summary>Each active silo's memory and activations (Orleans' runtime statistics).</summary>
    public async Task SampleSilosAsync(Dictionary<string, double> siloFigures)
    {
        siloFigures.Clear();
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true);
        var stats = await management.GetRuntimeStatistics(hosts.Keys.ToArray());
        foreach (var (silo, s) in hosts.Keys.Zip(stats))
        {
            // By endpoint, not generation: a restarted silo continues its series instead of starting three new ones.
            var name = $"silo:{silo.Endpoint}";
            siloFigures[$"{name}:memory_mb"] = s.EnvironmentStatistics.FilteredMemoryUsageBytes / 1048576.0;
            siloFigures[$"{name}:available_mb"] = s.EnvironmentStatistics.FilteredAvailableMemoryBytes / 1048576.0;
            siloFigures[$"{name}:activations"] = s.ActivationCount;
            siloFigures[$"{name}:cpu_percent"] = s.EnvironmentStatistics.FilteredCpuUsagePercentage;
        }

        // Disk, data size and network, as each silo's auditor last measured its host (stale figures are not evidence).
        foreach (var h in await grains.GetGrain<IConnectivityGrain>(IConnectivityGrain.Key).GetHostsAsync())
        {
            var name = $"silo:{h.Silo}";
            if (h.DiskFreeMb is { } free)
            {
                siloFigures[$"{name}:disk_free_mb"] = free;
            }

            if (h.DiskTotalMb is { } total && total > 0 && h.DiskFreeMb is { } f)
            {
                siloFigures[$"{name}:disk_free_percent"] = 100 * f / total;
            }

            siloFigures[$"{name}:data_mb"] = h.DataMb;
            if (h.NetSentBytesPerSecond is { } sent && h.NetReceivedBytesPerSecond is { } received)
            {
                siloFigures[$"{name}:net_bytes_per_s"] = sent + received;
            }

            if (h.NetErrorsPerMinute is { } errors)
            {
                siloFigures[$"{name}:net_errors_per_min"] = errors;
            }
        }
    }
}
