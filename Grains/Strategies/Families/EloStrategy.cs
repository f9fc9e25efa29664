using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Quant.Features;

namespace Orleans.Betting.Strategies.Families;

/// <summary>
/// Elo ratings updated on every known result (K, home advantage), read from the timeline's feature
/// store; win/draw/loss probabilities from the rating gap with a draw share that shrinks as the gap
/// grows; bet where a book beats them.
/// </summary>
public sealed class EloStrategy(double k, double homeAdvantage, double drawBase, double edge, PriceSource? book, Phase phase)
    : IBacktestStrategy
{
    public const string Family = "elo";

    public static ParameterSpace Space { get; } =
        new([
            ParameterDefinition.Grid("k", 10, 40, 5),
            ParameterDefinition.Grid("home", 30, 100, 10),
            ParameterDefinition.Grid("draw", 0.22, 0.30, 0.02),
            ParameterDefinition.Grid("edge", 0.02, 0.12, 0.02),
            ParameterDefinition.Choice("book", "pinnacle", "bet365", "market-max", "best"),
            ParameterDefinition.Choice("phase", "opening", "closing"),
        ]);

    public Phase DecisionPhase { get; } = phase;

    public static EloStrategy Create(IReadOnlyDictionary<string, string> p) =>
        new(
            p.Number("k", 20, 1, 100),
            p.Number("home", 60, 0, 300),
            p.Number("draw", 0.26, 0, 0.5),
            p.Number("edge", 0.05, 0, 1),
            p.Book("book", "market-max"),
            p.Phase()
        );

    public void Decide(MarketView view, int match, List<BetIntent> bets)
    {
        if (!view.Features.Elo(k, homeAdvantage).TryRatings(view, match, out var home, out var away))
        {
            return; // no evidence about a team yet: no opinion
        }

        var (h, d, a) = RatingScale.Probabilities(home - away + homeAdvantage, drawBase);
        Span<double> p = [h, d, a];
        MatchOdds.BetBestEdge(view, match, book, DecisionPhase, p, edge, bets);
    }
}
