using System.Collections.Concurrent;

namespace Orleans.Betting.Quant.Features;

/// <summary>
/// The point-in-time feature store of one timeline: team ratings (Elo, Dixon–Coles goal rates,
/// market-implied ratings), form and rest days, each computed once over the whole timeline the
/// first time any strategy asks for it (per parameter set) and shared by every strategy reading
/// the same timeline, on any thread. Features are read only through a <see cref="MarketView"/>,
/// which fixes what was known: a rating is the one after the results (or closing prices) the view
/// knows, never one learned from a later match, however far the store has computed.
/// </summary>
public sealed class FeatureStore
{
    private readonly ConcurrentDictionary<(string Kind, double A, double B), Lazy<object>> features = new();

    internal FeatureStore(MarketTimeline timeline)
    {
        Timeline = timeline;
        var teams = new Dictionary<string, int>(StringComparer.Ordinal);
        var leagues = new Dictionary<string, int>(StringComparer.Ordinal);
        Home = new int[timeline.Count];
        Away = new int[timeline.Count];
        League = new int[timeline.Count];
        for (var i = 0; i < timeline.Count; i++)
        {
            var m = timeline.Matches[i];
            Home[i] = Id(teams, m.HomeTeam);
            Away[i] = Id(teams, m.AwayTeam);
            League[i] = Id(leagues, m.League);
        }

        Teams = teams.Count;
        Leagues = leagues.Count;

        static int Id(Dictionary<string, int> ids, string name) => ids.TryGetValue(name, out var id) ? id : ids[name] = ids.Count;
    }

    internal MarketTimeline Timeline { get; }

    /// <summary>Team ids of each match's sides and its league id, dense from 0.</summary>
    internal int[] Home { get; }

    internal int[] Away { get; }

    internal int[] League { get; }

    internal int Teams { get; }

    internal int Leagues { get; }

    /// <summary>How many feature series have been computed (each once, whoever asked).</summary>
    public int Computed => features.Count(f => f.Value.IsValueCreated);

    /// <summary>Elo ratings learned from results with this K and home advantage.</summary>
    public EloRatings Elo(double k, double homeAdvantage) => Get(("elo", k, homeAdvantage), () => new EloRatings(this, k, homeAdvantage));

    /// <summary>Time-decayed goal rates per team and league (the Dixon–Coles strengths) with this half-life in days.</summary>
    public GoalRates Goals(double halfLifeDays) => Get(("goals", halfLifeDays, 0), () => new GoalRates(this, halfLifeDays));

    /// <summary>Ratings implied by earlier matches' de-margined closing prices, learned at this rate.</summary>
    public MarketRatings Market(double rate) => Get(("market", rate, 0), () => new MarketRatings(this, rate));

    /// <summary>Rest days and recent form per team.</summary>
    public TeamSchedule Schedule => Get(("schedule", 0, 0), () => new TeamSchedule(this));

    private T Get<T>((string, double, double) key, Func<T> build)
        where T : class =>
        (T)features.GetOrAdd(key, _ => new Lazy<object>(() => build(), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
