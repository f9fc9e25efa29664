using Microsoft.Extensions.Logging;
using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Market.Live;

/// <summary>
/// The live odds of one sport (key: the API's sport key) — the MarketIntelligence path: polls the
/// odds endpoint through the worker pool (so the bucket, cache and de-duplication apply), hands
/// each event to its <see cref="IOddsEventGrain"/> and keeps the board. Timed polling runs on a
/// grain timer; a reminder brings the grain back after deactivation or a restart to resume it.
/// </summary>
public sealed class LiveOddsGrain(
    [PersistentState("live-odds", StorageNames.Betting)] IPersistentState<LiveOddsState> state,
    IGrainFactory grains,
    ILogger<LiveOddsGrain> logger,
    TimeProvider time,
    Clock.MarketTime marketTime
) : Grain, ILiveOddsGrain, IRemindable
{
    private const string KeepAlive = "live-odds-keepalive";
    private IGrainTimer? timer;

    private string Sport => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Polling is not null)
        {
            StartTimer();
        }

        return Task.CompletedTask;
    }

    public async Task<LivePollReport> PollAsync(LivePollRequest request, CancellationToken cancellationToken = default)
    {
        var s = state.State;
        OddsFetchResult result;
        try
        {
            result = await grains
                .GetGrain<IApiWorkerGrain>(0)
                .GetOddsAsync(new OddsQuery(Sport, request.Regions, request.Markets), request.Priority, cancellationToken);
        }
        catch (ExternalApiException e)
        {
            s.LastError = e.Message;
            s.LastErrorUtc = time.GetUtcNow().UtcDateTime;
            await state.WriteStateAsync(cancellationToken);
            throw;
        }

        // The sport's live market store reads every event into its grain (line movement, steam, the live record).
        var ingest = await grains.GetGrain<ILiveMarketGrain>(Sport).IngestAsync(result.Events, marketTime.UtcNow);
        foreach (var e in result.Events.Where(e => e?.Id is not null))
        {
            s.Events[e.Id] = e.CommenceTime;
        }

        // Forget events that left the feed and kicked off well before the earliest one still listed.
        if (result.Events.Count > 0)
        {
            var listed = result.Events.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            var horizon = result.Events.Min(e => e.CommenceTime) - TimeSpan.FromHours(6);
            // (The live market store keeps its own index of these events until they are settled.)
            foreach (var gone in s.Events.Where(e => !listed.Contains(e.Key) && e.Value < horizon).Select(e => e.Key).ToList())
            {
                s.Events.Remove(gone);
            }
        }

        foreach (var book in result.Events.SelectMany(e => e.Bookmakers ?? []))
        {
            if (book.LastUpdate > s.BookUpdates.GetValueOrDefault(book.Key))
            {
                s.BookUpdates[book.Key] = book.LastUpdate;
            }
        }

        var steam = ingest.NewSteam ?? [];
        s.Polls++;
        s.PriceChanges += ingest.LineChanges;
        s.SteamMoves += steam.Count;
        s.LastPollUtc = time.GetUtcNow().UtcDateTime;
        s.LastError = null;
        await state.WriteStateAsync(cancellationToken);
        if (steam.Count > 0)
        {
            LiveOddsLog.SteamMoves(
                logger,
                Sport,
                steam.Count,
                string.Join("; ", steam.Select(m => $"{m.Market} {m.Outcome} {m.Kind} at {string.Join(",", m.Bookmakers)}"))
            );
        }

        return new LivePollReport(
            Sport,
            result.Events.Count,
            ingest.LineChanges,
            steam.ToList(),
            result.FromCache,
            result.Quota,
            result.FetchedUtc
        );
    }

    public async Task<LiveBoard> GetBoardAsync()
    {
        var s = state.State;
        var views = await Task.WhenAll(s.Events.OrderBy(e => e.Value).Select(e => grains.GetGrain<IOddsEventGrain>(e.Key).GetAsync()));
        return new LiveBoard(
            Sport,
            views.OfType<LiveEventView>().ToList(),
            s.Polls,
            s.LastPollUtc,
            s.LastError,
            s.Polling,
            s.PollSeconds,
            new Dictionary<string, DateTime>(s.BookUpdates),
            s.Slowdown,
            s.SlowdownReason
        );
    }

    public async Task SetSlowdownAsync(double factor, string reason)
    {
        if (!(factor >= 1) || !double.IsFinite(factor))
        {
            throw new ArgumentException($"live odds slowdown factor {factor}: at least 1 (1 = the configured pace)");
        }

        state.State.Slowdown = factor;
        state.State.SlowdownReason = factor > 1 ? reason : null;
        await state.WriteStateAsync();
        if (state.State.Polling is not null)
        {
            StartTimer();
        }
    }

    public async Task StartPollingAsync(LivePollRequest request, TimeSpan interval)
    {
        if (interval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"live odds polling interval {interval.TotalSeconds} s: at least 1 s");
        }

        state.State.Polling = request;
        state.State.PollSeconds = interval.TotalSeconds;
        await state.WriteStateAsync();
        StartTimer();
        await this.RegisterOrUpdateReminder(KeepAlive, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public async Task StopPollingAsync()
    {
        state.State.Polling = null;
        await state.WriteStateAsync();
        timer?.Dispose();
        timer = null;
        if (await this.GetReminder(KeepAlive) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task<int> PruneAsync(DateTime kickedOffBeforeUtc)
    {
        // Off the board only: the event grains (price history and live record) are forgotten by the
        // sport's live market store once settled, so nothing awaiting a result is lost here.
        var old = state.State.Events.Where(e => e.Value < kickedOffBeforeUtc).Select(e => e.Key).ToList();
        foreach (var id in old)
        {
            state.State.Events.Remove(id);
        }

        if (old.Count > 0)
        {
            await state.WriteStateAsync();
        }

        return old.Count;
    }

    /// <summary>The reminder's only job is to reactivate the grain, whose activation restarts the timer.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    private void StartTimer()
    {
        timer?.Dispose();
        // The health monitor may slow polling down (an upstream in trouble) on top of the configured pace.
        var interval = TimeSpan.FromSeconds(Math.Max(1, state.State.PollSeconds ?? 60) * Math.Max(1, state.State.Slowdown));
        timer = this.RegisterGrainTimer(
            async ct =>
            {
                if (state.State.Polling is not { } request)
                {
                    return;
                }

                try
                {
                    await PollAsync(request, ct);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Recorded on the board (LastError); the next tick tries again.
                    LiveOddsLog.PollFailed(logger, Sport, e.Message);
                }
            },
            TimeSpan.FromSeconds(1),
            interval
        );
    }
}

[GenerateSerializer]
[Alias("betting.LiveOddsState")]
public sealed class LiveOddsState
{
    [Id(0)]
    public Dictionary<string, DateTime> Events { get; set; } = [];

    [Id(1)]
    public long Polls { get; set; }

    [Id(2)]
    public long PriceChanges { get; set; }

    [Id(3)]
    public long SteamMoves { get; set; }

    [Id(4)]
    public DateTime? LastPollUtc { get; set; }

    [Id(5)]
    public string? LastError { get; set; }

    [Id(6)]
    public DateTime? LastErrorUtc { get; set; }

    [Id(7)]
    public LivePollRequest? Polling { get; set; }

    [Id(8)]
    public double? PollSeconds { get; set; }

    /// <summary>Each bookmaker's latest last_update seen (stale-price checks).</summary>
    [Id(9)]
    public Dictionary<string, DateTime> BookUpdates { get; set; } = [];

    [Id(10)]
    public double Slowdown { get; set; } = 1;

    [Id(11)]
    public string? SlowdownReason { get; set; }
}
