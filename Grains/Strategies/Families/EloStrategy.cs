using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Strategies.Families;

/// <summary>
/// Elo ratings updated on every known result (K, home advantage); win/draw/loss probabilities from
/// the rating gap with a draw share that shrinks as the gap grows; bet where a book beats them.
/// </summary>
public sealed class EloStrategy(double k, double homeAdvantage, double drawBase, double edge, PriceSource? book, Phase phase) : HistoryModel
{
    public const string Family = "elo";
    private const double Initial = 1500;
    private readonly Dictionary<string, double> ratings = new(StringComparer.Ordinal);

    public static ParameterSpace Space { get; } =
        new([
            ParameterDefinition.Grid("k", 10, 40, 5),
            ParameterDefinition.Grid("home", 30, 100, 10),
            ParameterDefinition.Grid("draw", 0.22, 0.30, 0.02),
            ParameterDefinition.Grid("edge", 0.02, 0.12, 0.02),
            ParameterDefinition.Choice("book", "pinnacle", "bet365", "market-max", "best"),
            ParameterDefinition.Choice("phase", "opening", "closing"),
        ]);

    public override Phase DecisionPhase { get; } = phase;

    public static EloStrategy Create(IReadOnlyDictionary<string, string> p) =>
        new(
            p.Number("k", 20, 1, 100),
            p.Number("home", 60, 0, 300),
            p.Number("draw", 0.26, 0, 0.5),
            p.Number("edge", 0.05, 0, 1),
            p.Book("book", "market-max"),
            p.Phase()
        );

    /// <summary>Home/draw/away probabilities for a rating gap (home − away + home advantage).</summary>
    public static (double Home, double Draw, double Away) Probabilities(double gap, double drawBase)
    {
        var expected = 1 / (1 + Math.Pow(10, -gap / 400));
        var draw = drawBase * Math.Exp(-Math.Abs(gap) / 600);
        return ((1 - draw) * expected, draw, (1 - draw) * (1 - expected));
    }

    public double Rating(string team) => ratings.GetValueOrDefault(team, Initial);

    protected override void Reset() => ratings.Clear();

    protected override void Learn(string home, string away, DateTime kickoffUtc, int homeGoals, int awayGoals)
    {
        var rh = Rating(home);
        var ra = Rating(away);
        var expected = 1 / (1 + Math.Pow(10, -(rh - ra + homeAdvantage) / 400));
        var score =
            homeGoals > awayGoals ? 1.0
            : homeGoals == awayGoals ? 0.5
            : 0.0;
        var delta = k * (score - expected);
        ratings[home] = rh + delta;
        ratings[away] = ra - delta;
    }

    protected override void DecideFromModel(MarketView view, int match, string home, string away, DateTime kickoffUtc, List<BetIntent> bets)
    {
        if (!ratings.ContainsKey(home) || !ratings.ContainsKey(away))
        {
            return; // no evidence about a team yet: no opinion
        }

        var (h, d, a) = Probabilities(Rating(home) - Rating(away) + homeAdvantage, drawBase);
        Span<double> p = [h, d, a];
        MatchOdds.BetBestEdge(view, match, book, DecisionPhase, p, edge, bets);
    }
}
