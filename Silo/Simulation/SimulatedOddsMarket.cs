using System.Collections.Concurrent;
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
public sealed partial class SimulatedOddsMarket(SimulatorOptions options)
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
}
