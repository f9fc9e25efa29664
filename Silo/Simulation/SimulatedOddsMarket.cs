using System.Collections.Concurrent;
using Orleans.Betting.Configuration;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Silo.Simulation;

/// <summary>
/// The simulator's market: an endless, seeded fixture list per sport (event k kicks off at
/// anchor + k·spacing), team strengths, and a price path per event. The true home-strength shift
/// walks a seeded random path one step per tick, with rare seeded steam jumps (and jumps injected
/// by tests); the sharp books price the current state, soft books lag a few ticks behind with
/// wider margins, so moves show first at the sharp books and then spread: line movement and steam.
/// Everything is a function of (seed, sport, event, tick): the same seed gives the same prices.
/// </summary>
public sealed class SimulatedOddsMarket(SimulatorOptions options)
{
    private static readonly DateTime Anchor = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly ConcurrentDictionary<(int Sport, long Event), List<double>> walks = new();
    private readonly ConcurrentDictionary<(int Sport, long Event), ConcurrentBag<(long Tick, double Shift)>> injected = new();

    public SimulatorOptions Options => options;

    public static IReadOnlyList<SimulatedSport> Sports { get; } =
    [
        new(
            "soccer_epl",
            "EPL",
            "English Premier League",
            [
                "Arsenal",
                "Aston Villa",
                "Bournemouth",
                "Brentford",
                "Brighton and Hove Albion",
                "Chelsea",
                "Crystal Palace",
                "Everton",
                "Fulham",
                "Liverpool",
                "Manchester City",
                "Manchester United",
                "Newcastle United",
                "Nottingham Forest",
                "Tottenham Hotspur",
                "West Ham United",
            ]
        ),
        new(
            "soccer_germany_bundesliga",
            "Bundesliga - Germany",
            "German Soccer",
            [
                "Bayern Munich",
                "Borussia Dortmund",
                "RB Leipzig",
                "Bayer Leverkusen",
                "Eintracht Frankfurt",
                "VfB Stuttgart",
                "SC Freiburg",
                "VfL Wolfsburg",
                "Werder Bremen",
                "Union Berlin",
                "Borussia Monchengladbach",
                "FSV Mainz 05",
            ]
        ),
        new(
            "soccer_spain_la_liga",
            "La Liga - Spain",
            "Spanish Soccer",
            [
                "Real Madrid",
                "Barcelona",
                "Atlético Madrid",
                "Athletic Bilbao",
                "Real Sociedad",
                "Villarreal",
                "Real Betis",
                "Sevilla",
                "Valencia",
                "Girona",
                "Osasuna",
                "Celta Vigo",
            ]
        ),
        new(
            "soccer_italy_serie_a",
            "Serie A - Italy",
            "Italian Soccer",
            [
                "Inter Milan",
                "AC Milan",
                "Juventus",
                "Napoli",
                "AS Roma",
                "Lazio",
                "Atalanta BC",
                "Fiorentina",
                "Bologna",
                "Torino",
                "Udinese",
                "Genoa",
            ]
        ),
        new(
            "soccer_france_ligue_one",
            "Ligue 1 - France",
            "French Soccer",
            [
                "Paris Saint Germain",
                "Marseille",
                "Monaco",
                "Lyon",
                "Lille",
                "Nice",
                "Lens",
                "Rennes",
                "Nantes",
                "Strasbourg",
                "Toulouse",
                "Montpellier",
            ]
        ),
    ];

    /// <summary>Sharp books first (no lag, thin margins), then the soft books that follow them.</summary>
    public static IReadOnlyList<SimulatedBookmaker> Bookmakers { get; } =
    [
        new("pinnacle", "Pinnacle", "eu", 0.025, 0),
        new("betfair_ex_eu", "Betfair", "eu", 0.015, 0),
        new("marathonbet", "Marathon Bet", "eu", 0.05, 1),
        new("williamhill", "William Hill", "uk", 0.07, 2),
        new("paddypower", "Paddy Power", "uk", 0.075, 3),
        new("skybet", "Sky Bet", "uk", 0.08, 2),
        new("draftkings", "DraftKings", "us", 0.06, 1),
        new("fanduel", "FanDuel", "us", 0.06, 2),
        new("sportsbet", "SportsBet", "au", 0.07, 3),
    ];

    public static IReadOnlyList<string> MarketKeys { get; } = ["h2h", "totals"];

    public static int SportIndex(string key)
    {
        for (var i = 0; i < Sports.Count; i++)
        {
            if (string.Equals(Sports[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public DateTime Kickoff(long eventNumber) => Anchor + eventNumber * options.EventSpacing;

    public long Tick(DateTime utc) => (long)Math.Floor((utc - Anchor) / options.Tick);

    /// <summary>Events whose kick-off is after <paramref name="now"/>, the next <see cref="SimulatorOptions.EventsAhead"/>.</summary>
    public IEnumerable<long> Upcoming(DateTime now)
    {
        var first = (long)Math.Floor((now - Anchor) / options.EventSpacing) + 1;
        for (var k = first; k < first + options.EventsAhead; k++)
        {
            yield return k;
        }
    }

    /// <summary>Events that kicked off within the window ending now (for scores).</summary>
    public IEnumerable<long> Recent(DateTime now, TimeSpan window)
    {
        var last = (long)Math.Floor((now - Anchor) / options.EventSpacing);
        var first = (long)Math.Ceiling((now - window - Anchor) / options.EventSpacing);
        for (var k = Math.Max(first, 0); k <= last; k++)
        {
            yield return k;
        }
    }

    public string EventId(int sport, long eventNumber) =>
        Mix((ulong)options.Seed, (ulong)sport, (ulong)eventNumber, 0xE7).ToString("x16")
        + Mix((ulong)options.Seed, (ulong)sport, (ulong)eventNumber, 0xE8).ToString("x16");

    public bool TryFindEvent(int sport, string eventId, DateTime now, out long eventNumber)
    {
        foreach (var k in Recent(now, TimeSpan.FromDays(3)).Concat(Upcoming(now)))
        {
            if (EventId(sport, k) == eventId)
            {
                eventNumber = k;
                return true;
            }
        }

        eventNumber = -1;
        return false;
    }

    public (string Home, string Away) Teams(int sport, long eventNumber)
    {
        var (home, away) = TeamIndices(sport, eventNumber);
        return (Sports[sport].Teams[home], Sports[sport].Teams[away]);
    }

    private (int Home, int Away) TeamIndices(int sport, long eventNumber)
    {
        var count = Sports[sport].Teams.Count;
        var home = (int)(Mix((ulong)options.Seed, (ulong)sport, (ulong)eventNumber, 1) % (ulong)count);
        var away = (home + 1 + (int)(Mix((ulong)options.Seed, (ulong)sport, (ulong)eventNumber, 2) % (ulong)(count - 1))) % count;
        return (home, away);
    }

    /// <summary>Forgets the price paths of events that ended days ago (a long-running silo keeps a bounded memory).</summary>
    public void Prune(DateTime now)
    {
        foreach (var key in walks.Keys)
        {
            if (Kickoff(key.Event) < now - TimeSpan.FromDays(4))
            {
                walks.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Adds a jump to the event's true state from the current tick on (a test's steam move).</summary>
    public void InjectMove(int sport, long eventNumber, DateTime now, double shift) =>
        injected.GetOrAdd((sport, eventNumber), _ => []).Add((Tick(now), shift));

    /// <summary>
    /// The event in the v4 odds shape as the chosen books price it at <paramref name="now"/>; a book in
    /// <paramref name="stalledAtTick"/> stopped publishing at that tick (its prices and last_update stay there).
    /// </summary>
    public OddsEvent Odds(
        int sport,
        long eventNumber,
        DateTime now,
        IReadOnlyList<SimulatedBookmaker> books,
        IReadOnlyList<string> markets,
        bool american,
        IReadOnlyDictionary<string, long>? stalledAtTick = null
    )
    {
        var (home, away) = Teams(sport, eventNumber);
        var tick = Math.Min(Tick(now), Tick(Kickoff(eventNumber)));
        var bookmakers = new List<OddsBookmaker>(books.Count);
        Span<double> grid = stackalloc double[GoalModel.Size * GoalModel.Size];
        foreach (var book in books)
        {
            var published =
                stalledAtTick is not null && stalledAtTick.TryGetValue(book.Key, out var stalled) ? Math.Min(tick, stalled) : tick;
            var bookTick = published - book.LagTicks;
            var (lambdaHome, lambdaAway) = Rates(sport, eventNumber, bookTick);
            GoalModel.ScoreGrid(lambdaHome, lambdaAway, -0.05, grid);
            var outcomes = GoalModel.Outcomes(grid);
            var updated = Anchor + published * options.Tick; // when the book published it (a lagging book publishes old information now)
            var priced = new List<OddsMarket>(markets.Count);
            foreach (var market in markets)
            {
                priced.Add(
                    market == "h2h"
                        ? new OddsMarket(
                            "h2h",
                            updated,
                            [
                                new OddsOutcome(home, Price(outcomes.Home, book.Margin, american), null),
                                new OddsOutcome(away, Price(outcomes.Away, book.Margin, american), null),
                                new OddsOutcome("Draw", Price(outcomes.Draw, book.Margin, american), null),
                            ]
                        )
                        : new OddsMarket(
                            "totals",
                            updated,
                            [
                                new OddsOutcome("Over", Price(outcomes.Over, book.Margin, american), 2.5),
                                new OddsOutcome("Under", Price(1 - outcomes.Over, book.Margin, american), 2.5),
                            ]
                        )
                );
            }

            bookmakers.Add(new OddsBookmaker(book.Key, book.Title, updated, priced));
        }

        return new OddsEvent(
            EventId(sport, eventNumber),
            Sports[sport].Key,
            Sports[sport].Title,
            Kickoff(eventNumber),
            home,
            away,
            bookmakers
        );
    }

    /// <summary>Final (or, while in play, current) score, drawn from the goal rates at kick-off.</summary>
    public ScoreEvent Score(int sport, long eventNumber, DateTime now)
    {
        var (home, away) = Teams(sport, eventNumber);
        var kickoff = Kickoff(eventNumber);
        var completed = now >= kickoff + TimeSpan.FromHours(2);
        IReadOnlyList<TeamScore>? scores = null;
        if (now >= kickoff)
        {
            var (lambdaHome, lambdaAway) = Rates(sport, eventNumber, Tick(kickoff));
            var share = completed ? 1.0 : Math.Clamp((now - kickoff).TotalMinutes / 120.0, 0, 1);
            var homeGoals = (int)Math.Floor(Poisson(lambdaHome, Unit(sport, eventNumber, 0x5C0, 1)) * share);
            var awayGoals = (int)Math.Floor(Poisson(lambdaAway, Unit(sport, eventNumber, 0x5C0, 2)) * share);
            scores =
            [
                new TeamScore(home, homeGoals.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new TeamScore(away, awayGoals.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ];
        }

        return new ScoreEvent(
            EventId(sport, eventNumber),
            Sports[sport].Key,
            kickoff,
            completed,
            home,
            away,
            scores,
            now >= kickoff ? now : null
        );
    }

    private (double Home, double Away) Rates(int sport, long eventNumber, long tick)
    {
        var (home, away) = TeamIndices(sport, eventNumber);
        var difference = Strength(sport, home) - Strength(sport, away);
        var shift = Shift(sport, eventNumber, tick);
        return (Math.Exp(0.30 + 0.12 + 0.5 * difference + shift / 2), Math.Exp(0.30 - 0.5 * difference - shift / 2));
    }

    private double Strength(int sport, int team) => 0.35 * Normal(Mix((ulong)options.Seed, (ulong)sport, (ulong)team, 0x57), 0x57);

    /// <summary>The true state's shift at a tick: a seeded walk from the tick the event was listed, plus injected jumps.</summary>
    private double Shift(int sport, long eventNumber, long tick)
    {
        var listed = Tick(Kickoff(eventNumber) - options.EventsAhead * options.EventSpacing);
        if (tick <= listed)
        {
            return Injected(sport, eventNumber, tick);
        }

        // Cumulative walk per tick since listing, extended on demand (books ask for lagged ticks too).
        var path = walks.GetOrAdd((sport, eventNumber), _ => [0.0]);
        lock (path)
        {
            for (var t = listed + path.Count; t <= tick; t++)
            {
                var step = options.DriftPerTick * Normal(Mix((ulong)options.Seed, (ulong)sport, (ulong)eventNumber, (ulong)t), (ulong)t);
                if (Unit(sport, eventNumber, t, 0x57EA) < options.SteamProbabilityPerTick)
                {
                    step += Unit(sport, eventNumber, t, 0x57EB) < 0.5 ? -options.SteamSize : options.SteamSize;
                }

                path.Add(path[^1] + step);
            }

            return path[(int)(tick - listed)] + Injected(sport, eventNumber, tick);
        }
    }

    private double Injected(int sport, long eventNumber, long tick) =>
        injected.TryGetValue((sport, eventNumber), out var moves) ? moves.Where(m => m.Tick <= tick).Sum(m => m.Shift) : 0;

    private static double Price(double probability, double margin, bool american)
    {
        var price = Math.Max(1.01, Math.Round(1.0 / (probability * (1 + margin)), 2));
        return american ? Math.Round(OddsMath.ToAmerican(price)) : price;
    }

    private double Unit(int sport, long eventNumber, long a, long b) =>
        (Mix((ulong)options.Seed ^ ((ulong)b << 32), (ulong)sport, (ulong)eventNumber, (ulong)a) >> 11) * (1.0 / (1UL << 53));

    private static double Normal(ulong bits, ulong salt)
    {
        var u1 = ((bits >> 11) + 1) * (1.0 / ((1UL << 53) + 1));
        var u2 = (Mix(bits, salt, 0x9E37, 0x79B9) >> 11) * (1.0 / (1UL << 53));
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static int Poisson(double lambda, double unit)
    {
        var p = Math.Exp(-lambda);
        var cumulative = p;
        var k = 0;
        while (unit > cumulative && k < 15)
        {
            k++;
            p *= lambda / k;
            cumulative += p;
        }

        return k;
    }

    /// <summary>SplitMix64 finaliser over the inputs: a stateless, seeded hash for reproducible draws.</summary>
    private static ulong Mix(ulong a, ulong b, ulong c, ulong d)
    {
        var x = a * 0x9E3779B97F4A7C15UL ^ b * 0xBF58476D1CE4E5B9UL ^ c * 0x94D049BB133111EBUL ^ d * 0xD6E8FEB86659FD93UL;
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
