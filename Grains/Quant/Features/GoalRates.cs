namespace Orleans.Betting.Quant.Features;

/// <summary>A team's time-decayed goals scored and conceded per match, and how many results it has.</summary>
public readonly record struct TeamGoals(double Scored, double Conceded, int Matches);

/// <summary>A league's time-decayed goals per team per match and its home advantage (√ of home over away goals).</summary>
public readonly record struct LeagueGoals(double PerTeam, double HomeAdvantage);

/// <summary>
/// Dixon–Coles strengths as exponentially forgotten goal rates (every weight halves over the
/// half-life): per team, goals scored and conceded per weighted match; per league, goals per team
/// and the home advantage from the same decayed totals. Only ratios are kept, so the decay between
/// a team's last result and the view's time cancels out and needs no replay.
/// </summary>
public sealed class GoalRates
{
    private readonly FeatureStore store;
    private readonly TeamSeries<TeamGoals>[] teams;
    private readonly TeamSeries<LeagueGoals>[] leagues;

    internal GoalRates(FeatureStore store, double halfLifeDays)
    {
        this.store = store;
        teams = TeamSeries<TeamGoals>.For(store.Teams);
        leagues = TeamSeries<LeagueGoals>.For(store.Leagues);
        var team = new Totals[store.Teams];
        var league = new Totals[store.Leagues];

        var timeline = store.Timeline;
        for (var i = 0; i < timeline.Count; i++)
        {
            var (hg, ag) = (timeline.HomeGoals[i], timeline.AwayGoals[i]);
            if (hg < 0)
            {
                continue;
            }

            var now = timeline.Kickoffs[i];
            var (h, a, l) = (store.Home[i], store.Away[i], store.League[i]);
            team[h] = team[h].DecayedTo(now, halfLifeDays).Add(hg, ag, now);
            team[a] = team[a].DecayedTo(now, halfLifeDays).Add(ag, hg, now);
            league[l] = league[l].DecayedTo(now, halfLifeDays).Add(hg, ag, now);
            teams[h].Add(i, new TeamGoals(team[h].For / team[h].Weight, team[h].Against / team[h].Weight, team[h].Matches));
            teams[a].Add(i, new TeamGoals(team[a].For / team[a].Weight, team[a].Against / team[a].Weight, team[a].Matches));
            var perTeam = (league[l].For + league[l].Against) / (2 * league[l].Weight);
            leagues[l].Add(i, new LeagueGoals(perTeam, league[l].Against > 0 ? Math.Sqrt(league[l].For / league[l].Against) : 1));
        }
    }

    /// <summary>Both sides' and their league's rates after the results the view knows, or false while any has none.</summary>
    public bool TryRates(MarketView view, int match, out TeamGoals home, out TeamGoals away, out LeagueGoals league)
    {
        var known = view.SettledCount();
        away = default;
        league = default;
        return teams[store.Home[match]].TryAt(known, out home, out _)
            && teams[store.Away[match]].TryAt(known, out away, out _)
            && leagues[store.League[match]].TryAt(known, out league, out _);
    }

    /// <summary>Decayed goals for and against (for a league: home and away goals), their weight and the time they stand at.</summary>
    private readonly record struct Totals(double For, double Against, double Weight, int Matches, DateTime Clock)
    {
        public Totals DecayedTo(DateTime now, double halfLifeDays)
        {
            if (Clock == default || now <= Clock)
            {
                return this;
            }

            var factor = Math.Pow(0.5, (now - Clock).TotalDays / halfLifeDays);
            return this with { For = For * factor, Against = Against * factor, Weight = Weight * factor };
        }

        public Totals Add(int scored, int conceded, DateTime now) =>
            new(For + scored, Against + conceded, Weight + 1, Matches + 1, now > Clock ? now : Clock);
    }
}
