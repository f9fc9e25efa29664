using Orleans.Betting.Ledger;
using Orleans.Betting.Market;

namespace Orleans.Betting.Swarms;

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
        var fair = SharpFair(match, anchor.Outcome);
        return double.IsNaN(fair) ? anchor.Probability : ModelWeight * anchor.Probability + (1 - ModelWeight) * fair;
    }

    /// <summary>Pinnacle's multiplicatively de-margined opening probability of an outcome key ("home", "over 2.5", …); NaN when not quoted in full.</summary>
    public static double SharpFair(MatchRecord match, string outcomeKey)
    {
        if (!PickOutcome.TryParse(outcomeKey, out var market, out var outcome, out var line))
        {
            return double.NaN;
        }

        Outcome[] sides =
            market == MarketType.MatchOdds ? [Outcome.Home, Outcome.Draw, Outcome.Away]
            : market == MarketType.OverUnder ? [Outcome.Over, Outcome.Under]
            : [Outcome.Home, Outcome.Away];
        double booksum = 0,
            chosen = double.NaN;
        foreach (var side in sides)
        {
            var price = match
                .Quotes.Where(q =>
                    q.Source == PriceSource.Pinnacle
                    && q.Phase == Phase.Opening
                    && q.Market == market
                    && q.Outcome == side
                    && (market is MarketType.MatchOdds or MarketType.MoneyLine || q.Line.Equals(line))
                )
                .Select(q => q.Price)
                .DefaultIfEmpty(double.NaN)
                .First();
            if (!(price > 1))
            {
                return double.NaN;
            }

            booksum += 1 / price;
            if (side == outcome)
            {
                chosen = 1 / price;
            }
        }

        return booksum >= 1 ? chosen / booksum : double.NaN;
    }
}
