namespace Orleans.Betting.Quant.Features;

/// <summary>
/// Elo ratings updated on every result in kick-off order (K, home advantage), from 1500; a team
/// has a rating once it has a result.
/// </summary>
public sealed class EloRatings
{
    public const double Initial = 1500;
    private readonly FeatureStore store;
    private readonly TeamSeries<double>[] teams;

    internal EloRatings(FeatureStore store, double k, double homeAdvantage)
    {
        this.store = store;
        teams = TeamSeries<double>.For(store.Teams);
        var current = Enumerable.Repeat(Initial, store.Teams).ToArray();

        var (home, away) = (store.Timeline.HomeGoals, store.Timeline.AwayGoals);
        for (var i = 0; i < store.Timeline.Count; i++)
        {
            if (home[i] < 0)
            {
                continue;
            }

            var (h, a) = (store.Home[i], store.Away[i]);
            var expected = RatingScale.Expected(current[h] - current[a] + homeAdvantage);
            var score =
                home[i] > away[i] ? 1.0
                : home[i] == away[i] ? 0.5
                : 0.0;
            var delta = k * (score - expected);
            current[h] += delta;
            current[a] -= delta;
            teams[h].Add(i, current[h]);
            teams[a].Add(i, current[a]);
        }
    }

    /// <summary>Both sides' ratings after the results the view knows, or false while either side has none.</summary>
    public bool TryRatings(MarketView view, int match, out double home, out double away)
    {
        var known = view.SettledCount();
        away = 0;
        return teams[store.Home[match]].TryAt(known, out home, out _) & teams[store.Away[match]].TryAt(known, out away, out _);
    }

    /// <summary>One side's rating after the results the view knows (the initial rating before any).</summary>
    public double Rating(MarketView view, int match, bool home)
    {
        var team = home ? store.Home[match] : store.Away[match];
        return teams[team].TryAt(view.SettledCount(), out var rating, out _) ? rating : Initial;
    }
}
