using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Orleans.Betting.Agents;
using Orleans.Betting.Health;
using Orleans.Betting.Ledger;
using Orleans.Betting.Operations;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Silo.WebConsole;

/// <summary>A notification a person should see: a bet placed or settled, a strategy deployed or held, an incident.</summary>
public sealed record ConsoleNotice(long Id, string Kind, string Text, DateTime AtUtc);

/// <summary>
/// The console's server push. While a page is open it reads the cluster every
/// <c>Betting:Console:PushMilliseconds</c> (500 by default; cheap reads: a report, the queues, the
/// registry) and tells each page which topics changed, so it re-reads only those; and it turns what
/// changed into notifications (the console's live feed, kept for <c>/api/notifications</c>).
/// Nothing is read while no page listens.
/// </summary>
public sealed partial class ConsoleFeed(IGrainFactory grains, IConfiguration config, ILogger<ConsoleFeed> logger) : BackgroundService
{
    private const int NoticesKept = 200;
    private readonly ConcurrentDictionary<Guid, Channel<string>> listeners = new();
    private readonly LinkedList<ConsoleNotice> notices = new();
    private readonly Dictionary<string, string> fingerprints = new(StringComparer.Ordinal);
    private readonly TimeSpan period = TimeSpan.FromMilliseconds(
        Math.Clamp(config.GetValue("Betting:Console:PushMilliseconds", 500), 50, 60_000)
    );
    private Dictionary<string, string>? knownBets;
    private HashSet<string>? knownDeployed;
    private Dictionary<string, string>? knownApprovals;
    private HashSet<long>? knownIncidents;
    private long nextNotice;
    private long rounds;

    public IReadOnlyList<ConsoleNotice> Since(long afterId)
    {
        lock (notices)
        {
            return notices.Where(n => n.Id > afterId).ToList();
        }
    }

    /// <summary>Serves one page's event stream until it goes away.</summary>
    public async Task StreamAsync(HttpContext ctx)
    {
        ctx.Response.Headers.ContentType = "text/event-stream";
        ctx.Response.Headers.CacheControl = "no-cache";
        ctx.Response.Headers["X-Accel-Buffering"] = "no";
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        listeners[id] = channel;
        try
        {
            await ctx.Response.WriteAsync(": connected\n\n", ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            while (!ctx.RequestAborted.IsCancellationRequested)
            {
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted);
                beat.CancelAfter(TimeSpan.FromSeconds(15));
                string message;
                try
                {
                    message = await channel.Reader.ReadAsync(beat.Token);
                }
                catch (OperationCanceledException) when (!ctx.RequestAborted.IsCancellationRequested)
                {
                    message = ": heartbeat\n\n"; // keeps proxies from closing a quiet stream
                }

                await ctx.Response.WriteAsync(message, ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // the page went away
        }
        finally
        {
            listeners.TryRemove(id, out _);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (listeners.IsEmpty)
            {
                continue;
            }

            try
            {
                await ReadOnceAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A silo starting or a grain unavailable: the next round tries again; pages keep what they have.
                Log.ReadFailed(logger, e.Message);
            }
        }
    }

    /// <summary>One round: which topics changed since the last, and the notifications they make.</summary>
    public async Task ReadOnceAsync()
    {
        rounds++;
        var changed = new List<string>();
        var report = await grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).GetReportAsync();
        if (
            Changed(
                "ledger",
                string.Create(CultureInfo.InvariantCulture, $"{report.Bets}/{report.Settled}/{report.Open}/{report.Profit:R}")
            )
        )
        {
            changed.Add("ledger");
            await BetNoticesAsync();
        }

        var board = await grains.GetGrain<IPicksBoardGrain>(IPicksBoardGrain.Agents).ListAsync();
        if (Changed("picks", $"{board.Count}/{board.FirstOrDefault()?.DecidedUtc:O}/{board.FirstOrDefault()?.Outcome}"))
        {
            changed.Add("picks");
        }

        var deployed = await grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).ListAsync();
        if (Changed("strategies", string.Join(",", deployed.Select(d => d.Id))))
        {
            changed.Add("strategies");
            var ids = deployed.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var d in deployed.Where(d => knownDeployed is not null && !knownDeployed.Contains(d.Id)))
            {
                Notify("deployed", $"strategy {d.Id} deployed: {d.Spec}");
            }

            knownDeployed = ids;
        }

        var approvals = await grains.GetGrain<IApprovalQueueGrain>(IApprovalQueueGrain.Key).ListAsync();
        if (Changed("approvals", string.Join(",", approvals.Select(a => $"{a.Subject}:{a.State}"))))
        {
            changed.Add("approvals");
            foreach (
                var a in approvals.Where(a =>
                    a.State == ApprovalState.Pending && knownApprovals is not null && !knownApprovals.ContainsKey(a.Subject)
                )
            )
            {
                Notify("held", $"{a.Kind.ToString().ToLowerInvariant()} {a.Subject} waits for approval: {string.Join("; ", a.Flags)}");
            }

            knownApprovals = approvals.ToDictionary(a => a.Subject, a => a.State.ToString(), StringComparer.Ordinal);
        }

        var incidents = await grains.GetGrain<IHealthMonitorGrain>(IHealthMonitorGrain.Key).GetIncidentsAsync(false, 20);
        if (Changed("incidents", string.Join(",", incidents.Select(i => $"{i.Id}:{i.Actions.Count}:{i.ResolvedUtc:O}:{i.Escalated}"))))
        {
            changed.Add("incidents");
            foreach (var i in incidents.Where(i => knownIncidents is not null && !knownIncidents.Contains(i.Id)))
            {
                Notify("incident", $"incident {i.Id} ({i.Severity}): {i.Subject}: {i.Evidence}");
            }

            knownIncidents = [.. incidents.Select(i => i.Id)];
        }

        // Agents tick often: their topic is looked at every fourth round.
        if (rounds % 4 == 1)
        {
            var agents = await Task.WhenAll(AgentNames.All.Select(a => grains.Agent(a.Name).GetStatusAsync()));
            if (Changed("agents", string.Join(",", agents.Select(a => $"{a.State}:{a.Ticks / 20}:{a.LastError}"))))
            {
                changed.AddRange(["agents", "live"]);
            }
        }

        if (changed.Count > 0)
        {
            Broadcast("change", JsonSerializer.Serialize(new { topics = changed }));
        }
    }

    private async Task BetNoticesAsync()
    {
        var bets = await grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).GetBetsAsync();
        var now = bets.ToDictionary(b => b.Id, b => b.Status.ToString(), StringComparer.Ordinal);
        if (knownBets is not null)
        {
            foreach (var b in bets)
            {
                var view = BetView.From(b);
                if (!knownBets.TryGetValue(b.Id, out var before))
                {
                    Notify(
                        "bet-placed",
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"bet placed: {b.Match} {b.Selection} @ {b.Price:0.00} ({b.Bookmaker ?? b.Source.Text}), stake {b.Stake:0.00}; {view.Reason()}"
                        )
                    );
                }
                else if (before == nameof(BetStatus.Open) && b.Status != BetStatus.Open)
                {
                    Notify(
                        "bet-settled",
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"bet settled: {b.Match} {b.Selection} {b.Status}, profit {b.Profit:+0.00;-0.00;0}{(b.Clv is { } clv ? $", CLV {clv:+0.0%;-0.0%}" : "")}"
                        )
                    );
                }
            }
        }

        knownBets = now;
    }

    private bool Changed(string topic, string fingerprint)
    {
        var changed = !fingerprints.TryGetValue(topic, out var before) || before != fingerprint;
        fingerprints[topic] = fingerprint;
        return changed;
    }

    private void Notify(string kind, string text)
    {
        ConsoleNotice notice;
        lock (notices)
        {
            notice = new ConsoleNotice(++nextNotice, kind, text, DateTime.UtcNow);
            notices.AddLast(notice);
            while (notices.Count > NoticesKept)
            {
                notices.RemoveFirst();
            }
        }

        Broadcast("notice", JsonSerializer.Serialize(notice, OperatorJson.Compact));
    }

    private void Broadcast(string kind, string data)
    {
        var message = $"event: {kind}\ndata: {data}\n\n";
        foreach (var channel in listeners.Values)
        {
            channel.Writer.TryWrite(message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "The console's push could not read the cluster this round: {Error}")]
        public static partial void ReadFailed(ILogger logger, string error);
    }
}
