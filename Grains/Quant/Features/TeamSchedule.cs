namespace Orleans.Betting.Quant.Features;

/// <summary>
/// Rest and form. Rest: days since each side's previous fixture (the fixture list is published
/// ahead, so this is known at any decision time). Form: league points (3 a win, 1 a draw) per match
/// over a side's most recent results the view knows.
/// </summary>
public sealed class TeamSchedule
{
    private readonly FeatureStore store;
    private readonly double[] homeRest;
    private readonly double[] awayRest;
    private readonly TeamSeries<int>[] points;

    internal TeamSchedule(FeatureStore store)
    {
        this.store = store;
        var timeline = store.Timeline;
        homeRest = new double[timeline.Count];
        awayRest = new double[timeline.Count];
        points = TeamSeries<int>.For(store.Teams);
        var last = new DateTime?[store.Teams];
        var cumulative = new int[store.Teams];

        for (var i = 0; i < timeline.Count; i++)
        {
            var (h, a, kickoff) = (store.Home[i], store.Away[i], timeline.Kickoffs[i]);
            homeRest[i] = last[h] is { } lh ? (kickoff - lh).TotalDays : double.NaN;
            awayRest[i] = last[a] is { } la ? (kickoff - la).TotalDays : double.NaN;
            last[h] = last[a] = kickoff;
            var (hg, ag) = (timeline.HomeGoals[i], timeline.AwayGoals[i]);
            if (hg >= 0)
            {
                cumulative[h] +=
                    hg > ag ? 3
                    : hg == ag ? 1
                    : 0;
                cumulative[a] +=
                    ag > hg ? 3
                    : hg == ag ? 1
                    : 0;
                points[h].Add(i, cumulative[h]);
                points[a].Add(i, cumulative[a]);
            }
        }
    }

    /// <summary>Days since each side's previous fixture in the timeline (NaN for a side's first).</summary>
    public (double Home, double Away) RestDays(int match) => (homeRest[match], awayRest[match]);

    /// <summary>Points per match over a side's last <paramref name="results"/> known results (fewer early on), or NaN before any.</summary>
    public double Form(MarketView view, int match, bool home, int results)
    {
        var series = points[home ? store.Home[match] : store.Away[match]];
        var steps = series.StepsBefore(view.SettledCount());
        if (steps == 0)
        {
            return double.NaN;
        }

        var counted = Math.Min(results, steps);
        var before = steps - counted > 0 ? series[steps - counted - 1] : 0;
        return (series[steps - 1] - before) / (double)counted;
    }
}
