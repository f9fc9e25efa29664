using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Strategies.Families;

/// <summary>
/// What the closing market has said about the teams, against what a book offers now: ratings
/// implied by earlier matches' de-margined closes (the feature store's market ratings, learned at
/// a rate), adjusted for rest (rating points per day of rest advantage, up to four days) and form
/// (rating points per point a match of form advantage over the last five results), optionally
/// blended with the sharp book's de-margined price at the decision phase; bet where a book beats
/// the probabilities by the edge. The closes of the past are the sharpest public estimate of team
/// strength, and unlike the price being bet they carry none of this match's opening error.
/// </summary>
public sealed class MarketRatingStrategy(double rate, double rest, double form, double blend, double edge, PriceSource? book, Phase phase)
    : IBacktestStrategy
{
    public const string Family = "market-rating";
    private const int MinCloses = 6;
    private const int FormResults = 5;
    private const double MaxRestDays = 4;

    public static ParameterSpace Space { get; } =
        new([
            ParameterDefinition.Grid("rate", 0.1, 0.6, 0.1),
            ParameterDefinition.Grid("rest", 0, 10, 5),
            ParameterDefinition.Grid("form", 0, 40, 20),
            ParameterDefinition.Grid("blend", 0, 0.75, 0.25),
            ParameterDefinition.Grid("edge", 0.01, 0.10, 0.01),
            ParameterDefinition.Choice("book", "pinnacle", "bet365", "market-max", "best"),
            ParameterDefinition.Choice("phase", "opening", "closing"),
        ]);

    public Phase DecisionPhase { get; } = phase;

    public static MarketRatingStrategy Create(IReadOnlyDictionary<string, string> p) =>
        new(
            p.Number("rate", 0.3, 0.001, 1),
            p.Number("rest", 0, 0, 100),
            p.Number("form", 0, 0, 400),
            p.Number("blend", 0, 0, 1),
            p.Number("edge", 0.03, 0, 1),
            p.Book("book", "market-max"),
            p.Phase("opening")
        );

    public void Decide(MarketView view, int match, List<BetIntent> bets)
    {
        var features = view.Features;
        var adjustment = 0.0;
        if (rest > 0)
        {
            var (home, away) = features.Schedule.RestDays(match);
            if (double.IsFinite(home) && double.IsFinite(away))
            {
                adjustment += rest * Math.Clamp(home - away, -MaxRestDays, MaxRestDays);
            }
        }

        if (form > 0)
        {
            var home = features.Schedule.Form(view, match, home: true, FormResults);
            var away = features.Schedule.Form(view, match, home: false, FormResults);
            if (double.IsFinite(home) && double.IsFinite(away))
            {
                adjustment += form * (home - away);
            }
        }

        Span<double> p = stackalloc double[3];
        if (!features.Market(rate).TryProbabilities(view, match, MinCloses, adjustment, p))
        {
            return;
        }

        if (blend > 0)
        {
            Span<double> sharp = stackalloc double[3];
            if (!MatchOdds.TryFair(view, match, DecisionPhase, MarginMethod.Multiplicative, sharp))
            {
                return;
            }

            for (var i = 0; i < 3; i++)
            {
                p[i] = (1 - blend) * p[i] + blend * sharp[i];
            }
        }

        MatchOdds.BetBestEdge(view, match, book, DecisionPhase, p, edge, bets);
    }
}
