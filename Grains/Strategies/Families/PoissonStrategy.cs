using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Strategies.Families;

/// <summary>
/// Poisson / Dixon–Coles: attack and defence strengths as time-decayed (half-life) goal rates
/// relative to the league, home advantage from the same decayed totals (the timeline's feature
/// store, shared with every strategy of the same half-life), the Dixon–Coles low-score correction
/// ρ, then 1X2 or over/under 2.5 probabilities; bet where a book beats them. Strengths come only
/// from results known at decision time.
/// </summary>
public sealed class PoissonStrategy(double halfLifeDays, double rho, double edge, string market, PriceSource? book, Phase phase)
    : IBacktestStrategy
{
    public const string Family = "poisson";
    private const int MinMatches = 6;

    public static ParameterSpace Space { get; } =
        new([
            ParameterDefinition.Grid("halflife", 60, 360, 60),
            ParameterDefinition.Grid("rho", -0.15, 0, 0.05),
            ParameterDefinition.Grid("edge", 0.02, 0.12, 0.02),
            ParameterDefinition.Choice("market", "1x2", "ou"),
            ParameterDefinition.Choice("book", "pinnacle", "bet365", "market-max", "best"),
            ParameterDefinition.Choice("phase", "opening", "closing"),
        ]);

    public Phase DecisionPhase { get; } = phase;

    public static PoissonStrategy Create(IReadOnlyDictionary<string, string> p) =>
        new(
            p.Number("halflife", 180, 1, 3650),
            p.Number("rho", -0.05, -0.3, 0.3),
            p.Number("edge", 0.05, 0, 1),
            p.Text("market", "1x2", "1x2", "ou"),
            p.Book("book", "market-max"),
            p.Phase()
        );

    public void Decide(MarketView view, int match, List<BetIntent> bets)
    {
        if (
            !view.Features.Goals(halfLifeDays).TryRates(view, match, out var h, out var a, out var league)
            || h.Matches < MinMatches
            || a.Matches < MinMatches
            || !(league.PerTeam > 0)
        )
        {
            return;
        }

        // Rate × attack × defence, where attack and defence are a team's rates relative to the league's.
        var lambdaHome = h.Scored * a.Conceded / league.PerTeam * league.HomeAdvantage;
        var lambdaAway = a.Scored * h.Conceded / league.PerTeam / league.HomeAdvantage;
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
}
