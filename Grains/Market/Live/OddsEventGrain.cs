using Microsoft.Extensions.Options;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Market.Live;

/// <summary>
/// One event's price history (key: the API's event id): every change of every outcome at every
/// bookmaker, stamped with the bookmaker's update time, the opening price kept for good; steam
/// moves detected on each snapshot. Persisted, so line movement survives restarts.
/// </summary>
public sealed class OddsEventGrain(
    [PersistentState("odds-event", StorageNames.Betting)] IPersistentState<OddsEventState> state,
    IOptionsMonitor<LiveOddsOptions> options
) : Grain, IOddsEventGrain
{
    /// <summary>Points kept per series (the opening price always stays): a day of minute polls with room to spare.</summary>
    public const int MaxPointsPerSeries = 2000;
    private const int MaxSteamKept = 200;

    /// <summary>How long new prices may wait to be written (they are re-observed on the next poll anyway).</summary>
    private static readonly TimeSpan FlushPeriod = TimeSpan.FromSeconds(10);

    private bool dirty;
    private IGrainTimer? flushTimer;

    /// <summary>Books whose price is the market's reference, sharpest first.</summary>
    private static readonly string[] SharpBooks = ["pinnacle", "betfair_ex_eu", "betfair_ex_uk", "matchbook"];

    public async Task<EventUpdate> RecordAsync(OddsEvent snapshot, LiveObservation? live = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var s = state.State;
        var liveChanges = 0;
        var structural = false;
        if (live is not null)
        {
            var record = s.Live ??= new LiveEventRecord();
            var before = (record.CommenceUtc, record.Status, record.MatchId, record.Mapped);
            liveChanges = LiveEventBook.Observe(record, live);
            structural = before != (record.CommenceUtc, record.Status, record.MatchId, record.Mapped);
        }

        s.Sport = snapshot.SportKey;
        s.HomeTeam = snapshot.HomeTeam;
        s.AwayTeam = snapshot.AwayTeam;
        s.CommenceTime = snapshot.CommenceTime;
        var changes = 0;
        foreach (var book in snapshot.Bookmakers ?? [])
        {
            foreach (var market in book.Markets)
            {
                var at = market.LastUpdate ?? book.LastUpdate;
                foreach (var outcome in market.Outcomes)
                {
                    if (!OddsMath.IsDecimalPrice(outcome.Price))
                    {
                        continue; // not a decimal price (American odds are not tracked as a line)
                    }

                    var key = new PriceSeriesKey(market.Key, outcome.Name, outcome.Point, book.Key);
                    if (!s.Series.TryGetValue(key, out var points))
                    {
                        s.Series[key] = points = [];
                    }

                    if (points.Count > 0 && (points[^1].Price == outcome.Price || at < points[^1].AtUtc))
                    {
                        continue; // unchanged, or an older snapshot arriving late
                    }

                    points.Add(new PricePoint(at, outcome.Price));
                    if (points.Count > MaxPointsPerSeries)
                    {
                        points.RemoveAt(1);
                    }

                    changes++;
                }
            }
        }

        var steam = SteamDetector.Detect(s.Series, Settings(), s.Steam);
        s.Steam.AddRange(steam);
        if (s.Steam.Count > MaxSteamKept)
        {
            s.Steam.RemoveRange(0, s.Steam.Count - MaxSteamKept);
        }

        s.Snapshots++;
        s.LastObservedUtc = s.Series.Values.Where(p => p.Count > 0).Select(p => p[^1].AtUtc).DefaultIfEmpty().Max();
        // A new event or a change of its state is written now; new prices only mark the record dirty and
        // are written within the flush period (a crash loses at most that much price history, which the next
        // poll observes again; decisions, closes and results never depend on an unwritten price).
        if (s.Snapshots == 1 || structural)
        {
            await WriteAsync();
        }
        else if (changes > 0 || steam.Count > 0 || liveChanges > 0)
        {
            MarkDirty();
        }

        return new EventUpdate(changes, steam, s.Live?.Summary(), liveChanges);
    }

    public async Task<LiveMatchUpdate> DecideAsync(DateTime nowUtc)
    {
        var record = Live();
        LiveEventBook.TakeDecision(record, nowUtc);
        // The snapshot is published with the match (durable there); a decision retaken after a crash places nothing twice.
        MarkDirty();
        return Update(record);
    }

    public Task<LiveOffer> OfferAsync(PriceSource source, Selection selection, DateTime nowUtc, TimeSpan maxAge)
    {
        var record = Live();
        if (nowUtc >= record.CommenceUtc || record.Status != LiveEventStatus.Upcoming)
        {
            return Task.FromResult(new LiveOffer(null, $"{record.Fixture} kicked off at {record.CommenceUtc:u}: no bet after commence"));
        }

        if (LiveEventBook.Offer(record.Latest, source, selection.Market, selection.Outcome, selection.LineOrNaN) is not { } quote)
        {
            return Task.FromResult(new LiveOffer(null, $"{record.Fixture}: no live {source} price for {selection}"));
        }

        return Task.FromResult(
            nowUtc - quote.AtUtc > maxAge
                ? new LiveOffer(
                    null,
                    $"{record.Fixture}: {quote.Bookmaker}'s price {quote.Price} is from {quote.AtUtc:u}, older than {maxAge.TotalMinutes:0.#} min: stale, not bet"
                )
                : new LiveOffer(quote, null)
        );
    }

    public async Task<LiveMatchUpdate?> CloseAsync(DateTime nowUtc)
    {
        if (state.State.Live is not { } record || !LiveEventBook.CaptureClose(record, nowUtc))
        {
            return null;
        }

        await WriteAsync();
        return Update(record);
    }

    public async Task<LiveMatchUpdate> SettleAsync(ScoreEvent score, DateTime nowUtc)
    {
        var record = Live();
        var status = record.Status;
        var problem = LiveEventBook.Settle(record, score, nowUtc);
        if (record.Status != status)
        {
            await WriteAsync();
        }

        return Update(record) with
        {
            Problem = problem,
        };
    }

    public async Task<LiveMatchUpdate?> VoidIfOverdueAsync(DateTime nowUtc, TimeSpan voidAfter)
    {
        if (state.State.Live is not { } record || !LiveEventBook.VoidIfOverdue(record, nowUtc, voidAfter))
        {
            return null;
        }

        await WriteAsync();
        return Update(record);
    }

    private LiveEventRecord Live() =>
        state.State.Live
        ?? throw new InvalidOperationException($"event {this.GetPrimaryKeyString()} has no live record: it was never observed live");

    private static LiveMatchUpdate Update(LiveEventRecord record) =>
        new(record.Summary(), record.Mapped && record.MatchId.Length > 0 ? LiveEventBook.ToMatch(record) : null);

    public Task<LiveEventView?> GetAsync()
    {
        var s = state.State;
        if (s.Snapshots == 0)
        {
            return Task.FromResult<LiveEventView?>(null);
        }

        var lines = s
            .Series.GroupBy(p => (p.Key.Market, p.Key.Outcome, p.Key.Point))
            .Select(g =>
            {
                var books = g.Where(b => b.Value.Count > 0).ToList();
                var best = books.MaxBy(b => b.Value[^1].Price);
                var reference = books
                    .OrderBy(b => Array.IndexOf(SharpBooks, b.Key.Bookmaker) is var i && i >= 0 ? i : SharpBooks.Length)
                    .ThenBy(b => b.Key.Bookmaker, StringComparer.Ordinal)
                    .First();
                return new MarketLine(
                    g.Key.Market,
                    g.Key.Outcome,
                    g.Key.Point,
                    best.Value[^1].Price,
                    best.Key.Bookmaker,
                    reference.Key.Bookmaker,
                    reference.Value[0].Price,
                    reference.Value[^1].Price,
                    books.Count,
                    books.Sum(b => b.Value.Count - 1)
                );
            })
            .ToList();
        return Task.FromResult<LiveEventView?>(
            new LiveEventView(
                this.GetPrimaryKeyString(),
                s.Sport,
                s.HomeTeam,
                s.AwayTeam,
                s.CommenceTime,
                lines,
                s.Steam.ToList(),
                s.Snapshots,
                s.LastObservedUtc
            )
        );
    }

    public Task<IReadOnlyList<PricePoint>> GetHistoryAsync(PriceSeriesKey series) =>
        Task.FromResult<IReadOnlyList<PricePoint>>(state.State.Series.TryGetValue(series, out var points) ? points.ToList() : []);

    public async Task ForgetAsync()
    {
        flushTimer?.Dispose();
        flushTimer = null;
        dirty = false;
        await state.ClearStateAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (dirty)
        {
            await WriteAsync();
        }
    }

    private async Task WriteAsync()
    {
        dirty = false;
        await state.WriteStateAsync();
    }

    /// <summary>Price-only changes: written by the flush timer (one write per period however many polls changed prices).</summary>
    private void MarkDirty()
    {
        dirty = true;
        flushTimer ??= this.RegisterGrainTimer(
            async _ =>
            {
                if (dirty)
                {
                    await WriteAsync();
                }
            },
            // Spread over the period: events first seen together must not all write at once.
            FlushPeriod + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)FlushPeriod.TotalMilliseconds)),
            FlushPeriod
        );
    }

    private SteamSettings Settings() => options.CurrentValue.Steam;
}

[GenerateSerializer]
[Alias("betting.OddsEventState")]
public sealed class OddsEventState
{
    [Id(0)]
    public string Sport { get; set; } = "";

    [Id(1)]
    public string HomeTeam { get; set; } = "";

    [Id(2)]
    public string AwayTeam { get; set; } = "";

    [Id(3)]
    public DateTime CommenceTime { get; set; }

    [Id(4)]
    public Dictionary<PriceSeriesKey, List<PricePoint>> Series { get; set; } = [];

    [Id(5)]
    public List<SteamMove> Steam { get; set; } = [];

    [Id(6)]
    public int Snapshots { get; set; }

    [Id(7)]
    public DateTime? LastObservedUtc { get; set; }

    /// <summary>The live market record (mapping, latest prices, decision snapshot, close, result).</summary>
    [Id(8)]
    public LiveEventRecord? Live { get; set; }
}
