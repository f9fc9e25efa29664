using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Strategies.Families;

/// <summary>
/// At the close, follow a sharp move: when Pinnacle's fair probability of an outcome rose by more
/// than the threshold from opening to closing, bet it at the chosen book's closing price if that
/// price still beats the new fair odds by the edge (books that are slow to move).
/// </summary>
public sealed class SharpMoveStrategy(double threshold, double edge, PriceSource? book) : IBacktestStrategy
{
    public const string Family = "sharp-move";

    public static ParameterSpace Space { get; } =
        new([
            ParameterDefinition.Grid("move", 0.01, 0.08, 0.01),
            ParameterDefinition.Grid("edge", -0.02, 0.06, 0.02),
            ParameterDefinition.Choice("book", "bet365", "market-max", "best", "williamhill"),
        ]);

    public Phase DecisionPhase => Phase.Closing;

    public static SharpMoveStrategy Create(IReadOnlyDictionary<string, string> p) =>
        new(p.Number("move", 0.03, 0, 1), p.Number("edge", 0.0, -1, 1), p.Book("book", "market-max"));

    public void Decide(MarketView view, int match, List<BetIntent> bets)
    {
        Span<double> open = stackalloc double[3];
        Span<double> close = stackalloc double[3];
        if (
            !MatchOdds.TryFair(view, match, Phase.Opening, MarginMethod.Multiplicative, open)
            || !MatchOdds.TryFair(view, match, Phase.Closing, MarginMethod.Multiplicative, close)
        )
        {
            return;
        }

        Span<double> moved = stackalloc double[3];
        for (var i = 0; i < 3; i++)
        {
            moved[i] = close[i] - open[i] > threshold ? close[i] : 0;
        }

        MatchOdds.BetBestEdge(view, match, book, Phase.Closing, moved, edge, bets);
    }
}
