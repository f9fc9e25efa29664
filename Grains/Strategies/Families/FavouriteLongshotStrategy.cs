using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Strategies.Families;

/// <summary>
/// Exploits the favourite–longshot bias: soft books shade long shots most, so back the outcome whose
/// price sits in an odds band, at a book, only where it still beats Pinnacle's fair price by the edge.
/// </summary>
public sealed class FavouriteLongshotStrategy(double minOdds, double maxOdds, double edge, PriceSource? book, Phase phase)
    : IBacktestStrategy
{
    public const string Family = "favourite-longshot";

    public static ParameterSpace Space { get; } =
        new([
            ParameterDefinition.Grid("min", 1.1, 2.0, 0.1),
            ParameterDefinition.Grid("width", 0.4, 4.0, 0.4),
            ParameterDefinition.Grid("edge", 0.0, 0.08, 0.02),
            ParameterDefinition.Choice("book", "pinnacle", "bet365", "market-max", "best"),
            ParameterDefinition.Choice("phase", "opening", "closing"),
        ]);

    public Phase DecisionPhase { get; } = phase;

    public static FavouriteLongshotStrategy Create(IReadOnlyDictionary<string, string> p)
    {
        var min = p.Number("min", 1.3, 1.01, 50);
        return new(min, min + p.Number("width", 0.8, 0.01, 50), p.Number("edge", 0.02, -1, 1), p.Book("book", "market-max"), p.Phase());
    }

    public void Decide(MarketView view, int match, List<BetIntent> bets)
    {
        Span<double> fair = stackalloc double[3];
        if (!MatchOdds.TryFair(view, match, DecisionPhase, MarginMethod.Shin, fair))
        {
            return;
        }

        Span<double> inBand = stackalloc double[3];
        for (var i = 0; i < 3; i++)
        {
            var price = MatchOdds.Price(view, match, book, MarketType.MatchOdds, MatchOdds.Sides[i], DecisionPhase, double.NaN, out _);
            inBand[i] = price >= minOdds && price <= maxOdds ? fair[i] : 0;
        }

        MatchOdds.BetBestEdge(view, match, book, DecisionPhase, inBand, edge, bets);
    }
}
