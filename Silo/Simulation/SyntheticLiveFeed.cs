using System.Globalization;
using Orleans.Betting.Clock;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Silo.Simulation;

/// <summary>
/// The seasons that follow a synthetic history, served live and without end: the same generator,
/// seed, leagues, teams and plant as the history the agents learned from (a season's draws follow
/// the seasons before it, so generating further seasons leaves the history as it was), so ratings
/// learned on the history apply here. Each synthetic league is the sport <c>soccer_synthetic_s1</c>,
/// <c>…_s2</c>. An event is listed <see cref="ListingLead"/> before kick-off at its opening prices;
/// from the opening lead (two days) each book's price moves tick by tick to its closing price (never
/// above the path between two prices that were capped at fair value, so the control stays edge-free);
/// the score completes two hours after kick-off with the true result. Time is the shared
/// <see cref="MarketTime"/> (plus the simulator's test offset).
/// </summary>
public sealed class SyntheticLiveFeed
{
    public const string SportPrefix = "soccer_synthetic_s";

    private static readonly (PriceSource Source, string Key, string Title, string Region)[] Books =
    [
        (PriceSource.Pinnacle, "pinnacle", "Pinnacle", "eu"),
        (PriceSource.Bet365, "bet365", "Bet365", "uk"),
        (PriceSource.WilliamHill, "williamhill", "William Hill", "uk"),
        (PriceSource.BetAndWin, "betandwin", "Bet and Win", "eu"),
        (PriceSource.Ladbrokes, "ladbrokes_uk", "Ladbrokes", "uk"),
        (PriceSource.SoftBook, "softbook", "Soft Book", "uk"),
        (PriceSource.ValueBook, "valuebook", "Value Book", "eu"),
    ];

    private readonly SimulationOptions history;
    private readonly Lock gate = new();
    private IReadOnlyList<SeasonData> generated = [];
    private int futureSeasons;

    public SyntheticLiveFeed(SimulationOptions history, MarketTime time, TimeSpan? tick = null)
        : this(history, _ => time, tick) { }

    /// <summary>With the market's clock made from the first live kick-off (the Embedded host starts the market just before it).</summary>
    public SyntheticLiveFeed(SimulationOptions history, Func<DateTime, MarketTime> time, TimeSpan? tick = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(time);
        this.history = history;
        Tick = tick ?? TimeSpan.FromMinutes(30);
        Extend(2);
        LiveStartUtc = generated.Where(s => !history.Seasons.Contains(s.Season)).SelectMany(s => s.Matches).Min(m => m.KickoffUtc);
        Time = time(LiveStartUtc);
    }

    public MarketTime Time { get; }

    /// <summary>A feed whose accelerated market starts <paramref name="before"/> its first live kick-off, now (tests and benchmarks).</summary>
    public static SyntheticLiveFeed StartingBefore(SimulationOptions history, TimeSpan before, double speed) =>
        new(history, first => new MarketTime(TimeProvider.System, first - before, DateTime.UtcNow, speed));

    /// <summary>How often a price may move (market time).</summary>
    public TimeSpan Tick { get; }

    public static TimeSpan ListingLead { get; } = TimeSpan.FromDays(3);

    /// <summary>The v4 market keys the feed prices.</summary>
    public static IReadOnlyList<string> MarketKeys { get; } = ["h2h", "totals", "spreads"];

    public static TimeSpan OpeningLead => FactTiming.Default.OpeningLead;

    public static TimeSpan MatchLength { get; } = TimeSpan.FromHours(2);

    /// <summary>The first kick-off after the history: where the live market begins.</summary>
    public DateTime LiveStartUtc { get; }

    public IReadOnlyList<string> SportKeys => Enumerable.Range(1, history.Leagues).Select(SportKey).ToList();

    public static string SportKey(int league) => SportPrefix + league.ToString(CultureInfo.InvariantCulture);

    public bool TryLeague(string sport, out string league)
    {
        league = "";
        if (
            sport.StartsWith(SportPrefix, StringComparison.OrdinalIgnoreCase)
            && int.TryParse(sport.AsSpan(SportPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 1
            && n <= history.Leagues
        )
        {
            league = $"S{n}";
            return true;
        }

        return false;
    }

    /// <summary>The live seasons' matches of a league kicking off in (from, to], generating further seasons as time needs them.</summary>
    public IReadOnlyList<MatchRecord> Matches(string league, DateTime fromUtc, DateTime toUtc)
    {
        lock (gate)
        {
            while (generated.Where(s => s.League == league).SelectMany(s => s.Matches).Max(m => m.KickoffUtc) < toUtc)
            {
                Extend(futureSeasons + 2);
            }

            return generated
                .Where(s => s.League == league && !history.Seasons.Contains(s.Season))
                .SelectMany(s => s.Matches)
                .Where(m => m.KickoffUtc > fromUtc && m.KickoffUtc <= toUtc)
                .ToList();
        }
    }

    /// <summary>Events listed now: kick-off within the listing lead.</summary>
    public IReadOnlyList<MatchRecord> Listed(string league, DateTime nowUtc) => Matches(league, nowUtc, nowUtc + ListingLead);

    /// <summary>The event id of a match: 32 hex characters, a stable function of its id.</summary>
    public static string EventId(string matchId)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(matchId));
        return Convert.ToHexString(hash, 0, 16).ToLowerInvariant();
    }

    /// <summary>The event in the v4 odds shape as the books price it at <paramref name="nowUtc"/>.</summary>
    public OddsEvent Odds(MatchRecord match, DateTime nowUtc, IReadOnlyCollection<string> markets, IReadOnlyCollection<string> regions)
    {
        var opening = match.KickoffUtc - OpeningLead;
        var ticks = Math.Max(1, (int)Math.Round(OpeningLead / Tick));
        var j = nowUtc < opening ? -1 : Math.Min(ticks - 1, (int)Math.Floor((nowUtc - opening) / Tick));
        var progress = j < 0 ? 0.0 : (j + 1) / (double)ticks;
        // Every book republishes each tick (its price may be unchanged): last_update is the tick's time, never after kick-off.
        var tickStart = new DateTime(nowUtc.Ticks - nowUtc.Ticks % Tick.Ticks, DateTimeKind.Utc);
        var updated = tickStart < match.KickoffUtc ? tickStart : match.KickoffUtc - Tick;
        var bookmakers = new List<OddsBookmaker>();
        foreach (var book in Books.Where(b => regions.Count == 0 || regions.Contains(b.Region)))
        {
            var priced = new List<OddsMarket>();
            foreach (var market in markets)
            {
                var type = market switch
                {
                    "h2h" => MarketType.MatchOdds,
                    "totals" => MarketType.OverUnder,
                    "spreads" => MarketType.AsianHandicap,
                    _ => (MarketType?)null,
                };
                if (type is null)
                {
                    continue;
                }

                var outcomes = new List<OddsOutcome>();
                foreach (var open in match.Quotes.Where(q => q.Source == book.Source && q.Market == type && q.Phase == Phase.Opening))
                {
                    var close = match
                        .Quotes.Where(q =>
                            q.Source == book.Source
                            && q.Market == type
                            && q.Outcome == open.Outcome
                            && q.Phase == Phase.Closing
                            && (type == MarketType.MatchOdds || q.Line.Equals(open.Line))
                        )
                        .Select(q => q.Price)
                        .DefaultIfEmpty(open.Price)
                        .First();
                    var price = Path(match.Id, book.Source, open, close, j, progress);
                    outcomes.Add(
                        open.Outcome switch
                        {
                            Outcome.Home when type == MarketType.AsianHandicap => new OddsOutcome(match.HomeTeam, price, open.Line),
                            Outcome.Away when type == MarketType.AsianHandicap => new OddsOutcome(
                                match.AwayTeam,
                                price,
                                open.Line == 0 ? 0 : -open.Line
                            ),
                            Outcome.Home => new OddsOutcome(match.HomeTeam, price, null),
                            Outcome.Away => new OddsOutcome(match.AwayTeam, price, null),
                            Outcome.Draw => new OddsOutcome("Draw", price, null),
                            Outcome.Over => new OddsOutcome("Over", price, open.Line),
                            _ => new OddsOutcome("Under", price, open.Line),
                        }
                    );
                }

                if (outcomes.Count > 0)
                {
                    priced.Add(new OddsMarket(market, updated, outcomes));
                }
            }

            if (priced.Count > 0)
            {
                bookmakers.Add(new OddsBookmaker(book.Key, book.Title, updated, priced));
            }
        }

        return new OddsEvent(
            EventId(match.Id),
            SportKey(int.Parse(match.League.AsSpan(1), CultureInfo.InvariantCulture)),
            $"Synthetic {match.League}",
            match.KickoffUtc,
            match.HomeTeam,
            match.AwayTeam,
            bookmakers
        );
    }

    /// <summary>The score: in play from kick-off, completed with the true result two hours later.</summary>
    public static ScoreEvent Score(MatchRecord match, DateTime nowUtc)
    {
        var completed = nowUtc >= match.KickoffUtc + MatchLength && match.Result is not null;
        IReadOnlyList<TeamScore>? scores = null;
        if (nowUtc >= match.KickoffUtc && match.Result is { } result)
        {
            var share = completed ? 1.0 : Math.Clamp((nowUtc - match.KickoffUtc) / MatchLength, 0, 1);
            scores =
            [
                new TeamScore(match.HomeTeam, ((int)Math.Floor(result.HomeGoals * share)).ToString(CultureInfo.InvariantCulture)),
                new TeamScore(match.AwayTeam, ((int)Math.Floor(result.AwayGoals * share)).ToString(CultureInfo.InvariantCulture)),
            ];
        }

        return new ScoreEvent(
            EventId(match.Id),
            SportKey(int.Parse(match.League.AsSpan(1), CultureInfo.InvariantCulture)),
            match.KickoffUtc,
            completed,
            match.HomeTeam,
            match.AwayTeam,
            scores,
            nowUtc >= match.KickoffUtc ? nowUtc : null
        );
    }

    /// <summary>
    /// The price at tick <paramref name="tick"/> of the path from opening to closing: the straight
    /// line, shortened by seeded noise that fades to nothing at the close (never lengthened: both
    /// ends are capped at fair value in the control, so the path never offers what they did not).
    /// </summary>
    private double Path(string matchId, PriceSource source, Quote open, double close, int tick, double progress)
    {
        if (tick < 0)
        {
            return open.Price;
        }

        var straight = open.Price + (close - open.Price) * progress;
        var noise = Math.Abs(Normal(Hash(matchId, (int)source, (int)open.Market, (int)open.Outcome, tick))) * 0.01 * (1 - progress);
        return Math.Max(1.01, Math.Round(straight * (1 - noise), 3));
    }

    private void Extend(int seasons)
    {
        var last = history.Seasons[^1];
        SeasonName.TryParseStart(last, out var year);
        var future = Enumerable.Range(1, seasons).Select(i => $"{year + i}-{year + i + 1}");
        generated = MarketSimulator.Generate(history with { Seasons = [.. history.Seasons, .. future] });
        futureSeasons = seasons;
    }

    private ulong Hash(string id, int a, int b, int c, int d)
    {
        var h = 1469598103934665603UL ^ (ulong)history.Seed;
        foreach (var ch in id)
        {
            h = (h ^ ch) * 1099511628211UL;
        }

        foreach (var v in new[] { a, b, c, d })
        {
            h = (h ^ (ulong)(uint)v) * 1099511628211UL;
            h ^= h >> 29;
        }

        return h;
    }

    private static double Normal(ulong bits)
    {
        // Box–Muller from two 26-bit halves of the hash.
        var u1 = ((bits >> 38) + 1) / (double)((1UL << 26) + 1);
        var u2 = ((bits >> 12) & ((1UL << 26) - 1)) / (double)(1UL << 26);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
