using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Swarms.Rules;

/// <summary>
/// What a pick trades, so that it is what the gate validated: the price and probability of one
/// validated strategy's own vote (the strongest on the chosen outcome), never the best price of one
/// voter joined to the average probability of others. The probability is shrunk half-way toward the
/// sharp book's de-margined price known at the decision (Pinnacle's opening quote), because a model's
/// probability is an estimate and Kelly stakes on its error: the gate validated the strategy's bets,
/// not the size of its edge estimate.
/// </summary>
public static class PickPricing
{
    /// <summary>The weight of the strategy's own probability; the rest goes to the sharp fair probability.</summary>
    public const double ModelWeight = 0.5;

    /// <summary>The strongest vote on an outcome: highest confidence, then price, then id (deterministic).</summary>
    public static Vote Anchor(IEnumerable<Vote> votes) =>
        votes.OrderByDescending(v => v.Confidence).ThenByDescending(v => v.Price).ThenBy(v => v.StrategyId, StringComparer.Ordinal).First();

    /// <summary>The anchor's probability shrunk toward the sharp fair probability (unchanged where the sharp book has no complete opening price).</summary>
    public static double Probability(MatchRecord match, Vote anchor)
    {
        var fair = SharpFair(match, anchor.Selection);
        return double.IsNaN(fair) ? anchor.Probability : ModelWeight * anchor.Probability + (1 - ModelWeight) * fair;
    }

    /// <summary>Pinnacle's multiplicatively de-margined opening probability of a selection; NaN when not quoted in full.</summary>
    public static double SharpFair(MatchRecord match, Selection selection)
    {
        var fair = ClosingLine.FairProbability(
            match,
            selection.Market,
            selection.Outcome,
            selection.LineOrNaN,
            PriceSource.Pinnacle,
            Phase.Opening,
            out var booksum
        );
        return booksum >= 1 ? fair : double.NaN;
    }
}
