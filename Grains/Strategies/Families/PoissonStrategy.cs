using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Strategies.Families;

/// <summary>
/// Poisson / Dixon–Coles: attack and defence strengths as time-decayed (half-life) goal rates
/// relative to the league, home advantage from the same decayed totals, the Dixon–Coles low-score
/// correction ρ, then 1X2 or over/under 2.5 probabilities; bet where a book beats them. Strengths
/// come only from results known at decision time.
/// </summary>
public sealed class PoissonStrategy(double halfLifeDays, double rho, double edge, string market, PriceSource? book, Phase phase)
    : HistoryModel
{
    public const string Family = "poisson";
    private const int MinMatches = 6;
    private readonly Dictionary<string, TeamRates> teams = new(StringComparer.Ordinal);
    private Rates league;
    private DateTime clock = DateTime.MinValue;

    public static ParameterSpace Space { get; } =
        new([
            ParameterDefinition.Grid("halflife", 60, 360, 60),
            ParameterDefinition.Grid("rho", -0.15, 0, 0.05),
            ParameterDefinition.Grid("edge", 0.02, 0.12, 0.02),
            ParameterDefinition.Choice("market", "1x2", "ou"),
            ParameterDefinition.Choice("book", "pinnacle", "bet365", "market-max", "best"),
            ParameterDefinition.Choice("phase", "opening", "closing"),
        ]);

    public override Phase DecisionPhase { get; } = phase;

    public static PoissonStrategy Create(IReadOnlyDictionary<string, string> p) =>
        new(
            p.Number("halflife", 180, 1, 3650),
            p.Number("rho", -0.05, -0.3, 0.3),
            p.Number("edge", 0.05, 0, 1),
            p.Text("market", "1x2", "1x2", "ou"),
            p.Book("book", "market-max"),
            p.Phase()
        );

    protected override void Reset()
    {
        teams.Clear();
        league = default;
        clock = DateTime.MinValue;
    }

    protected override void Learn(string home, string away, DateTime kickoffUtc, int homeGoals, int awayGoals)
    {
        Decay(kickoffUtc);
        var h = teams.GetValueOrDefault(home) ?? (teams[home] = new TeamRates());
        var a = teams.GetValueOrDefault(away) ?? (teams[away] = new TeamRates());
        h.Scored += homeGoals;
        h.Conceded += awayGoals;
        h.Weight += 1;
        h.Matches++;
        a.Scored += awayGoals;
        a.Conceded += homeGoals;
        a.Weight += 1;
        a.Matches++;
        league = new Rates(league.Home + homeGoals, league.Away + awayGoals, league.Weight + 1);
    }

    protected override void DecideFromModel(MarketView view, int match, string home, string away, DateTime kickoffUtc, List<BetIntent> bets)
    {
        if (
            !teams.TryGetValue(home, out var h)
            || !teams.TryGetValue(away, out var a)
            || h.Matches < MinMatches
            || a.Matches < MinMatches
            || league.Weight <= 0
        )
        {
            return;
        }

        var perTeamGoals = (league.Home + league.Away) / (2 * league.Weight);
        var homeAdvantage = league.Away > 0 ? Math.Sqrt(league.Home / league.Away) : 1;
        double Attack(TeamRates t) => t.Scored / t.Weight / perTeamGoals;
        double Defence(TeamRates t) => t.Conceded / t.Weight / perTeamGoals;
        var lambdaHome = perTeamGoals * Attack(h) * Defence(a) * homeAdvantage;
        var lambdaAway = perTeamGoals * Attack(a) * Defence(h) / homeAdvantage;
        var (pHome, pDraw, pAway, pOver) = Outcomes(lambdaHome, lambdaAway, rho);

        if (market == "1x2")
        {
            Span<double> p = [pHome, pDraw, pAway];
            MatchOdds.BetBestEdge(view, match, book, DecisionPhase, p, edge, bets);
            return;
        }

        foreach (var (outcome, probability) in new[] { (Outcome.Over, pOver), (Outcome.Under, 1 - pOver) })
        {
            var price = MatchOdds.Price(view, match, book, MarketType.OverUnder, outcome, DecisionPhase, 2.5, out var at);
            if (price > 1.0 && price * probability - 1 > edge)
            {
                bets.Add(new BetIntent(MarketType.OverUnder, outcome, 2.5, at, DecisionPhase, probability));
                return;
            }
        }
    }

    /// <summary>1X2 and over-2.5 probabilities from two Poisson rates with the Dixon–Coles τ correction.</summary>
    public static (double Home, double Draw, double Away, double Over) Outcomes(double lambdaHome, double lambdaAway, double rho)
    {
        Span<double> grid = stackalloc double[GoalModel.Size * GoalModel.Size];
        GoalModel.ScoreGrid(lambdaHome, lambdaAway, rho, grid);
        return GoalModel.Outcomes(grid);
    }

    /// <summary>Exponential forgetting: every weight halves over the half-life.</summary>
    private void Decay(DateTime now)
    {
        if (clock != DateTime.MinValue && now > clock)
        {
            var factor = Math.Pow(0.5, (now - clock).TotalDays / halfLifeDays);
            foreach (var t in teams.Values)
            {
                t.Scored *= factor;
                t.Conceded *= factor;
                t.Weight *= factor;
            }

            league = new Rates(league.Home * factor, league.Away * factor, league.Weight * factor);
        }

        clock = now > clock ? now : clock;
    }

    private sealed class TeamRates
    {
        public double Scored;
        public double Conceded;
        public double Weight;
        public int Matches;
    }

    private readonly record struct Rates(double Home, double Away, double Weight);
}
