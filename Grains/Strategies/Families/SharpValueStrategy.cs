using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Strategies.Families;

/// <summary>
/// Fair probabilities from the sharp book (Pinnacle) de-margined by a chosen method; bet another
/// book's price where it beats the fair odds by the edge threshold.
/// </summary>
public sealed class SharpValueStrategy(PriceSource? book, MarginMethod method, double edge, Phase phase) : IBacktestStrategy
{
    public const string Family = "sharp-value";

    public static ParameterSpace Space { get; } =
        new([
            ParameterDefinition.Choice("book", "bet365", "williamhill", "betandwin", "ladbrokes", "interwetten", "best", "market-max"),
            ParameterDefinition.Choice("method", "multiplicative", "shin", "power", "odds-ratio"),
            ParameterDefinition.Grid("edge", 0.01, 0.12, 0.01),
            ParameterDefinition.Choice("phase", "opening", "closing"),
        ]);

    public Phase DecisionPhase { get; } = phase;

    public static SharpValueStrategy Create(IReadOnlyDictionary<string, string> p) =>
        new(p.Book("book", "market-max"), MarginRemoval.Parse(p.Text("method", "multiplicative")), p.Number("edge", 0.03, 0, 1), p.Phase());

    public void Decide(MarketView view, int match, List<BetIntent> bets)
    {
        Span<double> fair = stackalloc double[3];
        if (MatchOdds.TryFair(view, match, DecisionPhase, method, fair))
        {
            MatchOdds.BetBestEdge(view, match, book, DecisionPhase, fair, edge, bets);
        }
    }
}
