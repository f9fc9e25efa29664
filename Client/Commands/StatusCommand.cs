using Orleans.Betting.Cluster;

namespace Orleans.Betting.Client.Commands;

/// <summary><c>status</c>: cluster members, silo health and activations per grain type.</summary>
public static class StatusCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var json = JsonOutput.Option("Print one JSON object instead of tables");
        var command = new Command("status", "Show cluster members, silo health and activation counts per grain type") { json };
        command.SetClusterAction(
            connection,
            async (cluster, parse, ct) =>
            {
                var report = await CollectAsync(cluster.Grains, cluster.Target.ClusterId);
                if (parse.GetValue(json))
                {
                    JsonOutput.Write(report);
                }
                else
                {
                    Render(report);
                }

                return 0;
            }
        );
        return command;
    }

    public static async Task<StatusReport> CollectAsync(IClusterClient client, string clusterId)
    {
        var management = client.GetGrain<IManagementGrain>(0);
        var entries = await management.GetDetailedHosts(onlyActive: false);
        var active = entries.Where(e => e.Status == SiloStatus.Active).Select(e => e.SiloAddress).ToArray();
        var stats = active.Length == 0 ? [] : await management.GetRuntimeStatistics(active);
        var health = active.Zip(stats).ToDictionary(p => p.First, p => p.Second);

        var members = entries
            .OrderBy(e => e.Status == SiloStatus.Active ? 0 : 1)
            .ThenBy(e => e.SiloAddress.ToString(), StringComparer.Ordinal)
            .Select(e =>
            {
                health.TryGetValue(e.SiloAddress, out var s);
                return new MemberStatus(
                    e.SiloAddress.ToString(),
                    e.SiloAddress.Endpoint.ToString(),
                    e.Status.ToString(),
                    e.SiloName,
                    e.HostName,
                    e.ProxyPort,
                    e.StartTime,
                    e.IAmAliveTime,
                    s is null
                        ? null
                        : new SiloHealth(
                            s.ActivationCount,
                            s.RecentlyUsedActivationCount,
                            s.EnvironmentStatistics.FilteredCpuUsagePercentage,
                            s.EnvironmentStatistics.FilteredMemoryUsageBytes,
                            s.IsOverloaded,
                            s.ClientCount
                        )
                );
            })
            .ToArray();

        var grains = (await management.GetSimpleGrainStatistics())
            .GroupBy(g => g.GrainType)
            .Select(g => new GrainTypeActivations(g.Key, g.Sum(x => x.ActivationCount), g.Count()))
            .OrderByDescending(g => g.Activations)
            .ThenBy(g => g.Type, StringComparer.Ordinal)
            .ToArray();

        var journal = await client.GetGrain<IClusterJournalGrain>(IClusterJournalGrain.Key).GetAsync();
        var apis = await Task.WhenAll(
            Orleans.Betting.ExternalApis.ApiNames.All.Select(async name =>
                (
                    Bucket: await client.GetGrain<Orleans.Betting.ExternalApis.ITokenBucketGrain>(name).GetStateAsync(),
                    Usage: await client.GetGrain<Orleans.Betting.ExternalApis.IApiUsageGrain>(name).GetUsageAsync()
                )
            )
        );
        return new StatusReport(
            clusterId,
            members,
            grains,
            new JournalSummary(journal.TotalStarts, journal.FirstStartUtc, journal.RecentStarts.LastOrDefault()),
            apis.Select(x => (a: x.Bucket, u: x.Usage))
                .Select(x => new ApiStatus(
                    x.a.Api,
                    x.a.TokensPerSecond,
                    x.a.Burst,
                    x.a.AvailableTokens,
                    x.a.Waiting.ToDictionary(w => w.Key.ToString().ToLowerInvariant(), w => w.Value),
                    x.a.QuotaRemaining,
                    x.a.QuotaUsed,
                    x.a.Paused || !x.u.AllCircuitsClosed ? "open" : "closed",
                    x.a.PauseReason ?? (x.u.AllCircuitsClosed ? null : x.u.CircuitSummary),
                    x.a.Granted,
                    x.u.Requests,
                    Math.Round(x.u.CacheHitRate, 4),
                    x.u.UpstreamAttempts,
                    x.u.UpstreamErrors,
                    x.u.RateLimited,
                    x.u.Timeouts,
                    Math.Round(x.u.LatencyP50Ms, 1),
                    Math.Round(x.u.LatencyP99Ms, 1),
                    x.u.CreditsSpent,
                    x.u.LastError
                ))
                .ToArray()
        );
    }

    private static void Render(StatusReport report)
    {
        var members = new Table()
            .Title($"Cluster [bold]{report.ClusterId.EscapeMarkup()}[/] members")
            .AddColumns("Silo", "Status", "Name", "Host", "Gateway", "Activations", "CPU %", "Memory MB", "Started (UTC)");
        foreach (var m in report.Members)
        {
            var colour = m.Status switch
            {
                "Active" => "green",
                "Dead" => "red",
                _ => "yellow",
            };
            members.AddRow(
                m.Address.EscapeMarkup(),
                $"[{colour}]{m.Status}[/]",
                m.SiloName.EscapeMarkup(),
                m.HostName.EscapeMarkup(),
                m.GatewayPort > 0 ? m.GatewayPort.ToString() : "-",
                m.Health?.Activations.ToString() ?? "-",
                m.Health?.CpuUsage is { } cpu ? cpu.ToString("F1") : "-",
                m.Health?.MemoryUsageBytes is { } mem ? (mem / 1024 / 1024).ToString() : "-",
                m.StartedUtc.ToString("u")
            );
        }

        AnsiConsole.Write(members);

        var grains = new Table().Title("Activations per grain type").AddColumns("Grain type", "Activations", "Silos");
        foreach (var g in report.GrainTypes)
        {
            grains.AddRow(g.Type.Split(',')[0].EscapeMarkup(), g.Activations.ToString(), g.Silos.ToString());
        }

        AnsiConsole.Write(grains);
        var apis = new Table()
            .Title("External APIs")
            .AddColumns(
                "API",
                "Rate/s",
                "Burst",
                "Tokens",
                "Waiting (C/H/N/B)",
                "Quota used/left",
                "Circuit",
                "Requests",
                "Cache hit",
                "Upstream (err/429/timeout)",
                "p50/p99 ms"
            );
        foreach (var a in report.Apis)
        {
            apis.AddRow(
                a.Api,
                a.TokensPerSecond.ToString("0.##"),
                a.Burst.ToString(),
                a.AvailableTokens.ToString(),
                string.Join(
                    "/",
                    new[] { "critical", "high", "normal", "background" }.Select(p => a.Waiting.GetValueOrDefault(p).ToString())
                ),
                $"{a.QuotaUsed?.ToString() ?? "?"}/{a.QuotaRemaining?.ToString() ?? "?"}",
                a.Circuit == "open" ? $"[red]open[/] {a.CircuitReason?.EscapeMarkup()}" : "[green]closed[/]",
                a.Requests.ToString(),
                a.CacheHitRate.ToString("P0"),
                $"{a.UpstreamAttempts} ({a.UpstreamErrors}/{a.RateLimited}/{a.Timeouts})",
                $"{a.LatencyP50Ms:0}/{a.LatencyP99Ms:0}"
            );
        }

        AnsiConsole.Write(apis);
        AnsiConsole.MarkupLine(
            $"Silo starts recorded: [bold]{report.Journal.TotalStarts}[/]"
                + (report.Journal.FirstStartUtc is { } first ? $" since {first:u}" : "")
        );
    }
}
