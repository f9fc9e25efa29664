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

    /// <summary>Books whose price is the market's reference, sharpest first.</summary>
    private static readonly string[] SharpBooks = ["pinnacle", "betfair_ex_eu", "betfair_ex_uk", "matchbook"];

    public async Task<EventUpdate> RecordAsync(OddsEvent snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var s = state.State;
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
        if (changes > 0 || steam.Count > 0 || s.Snapshots == 1)
        {
            await state.WriteStateAsync();
        }

        return new EventUpdate(changes, steam);
    }

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

    public Task ForgetAsync() => state.ClearStateAsync();

    private SteamSettings Settings() => options.CurrentValue.Steam;
}

[GenerateSerializer]
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
}
