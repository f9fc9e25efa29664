using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Strategies.Families;

/// <summary>Small helpers over a view's 1X2 prices shared by the families.</summary>
internal static class MatchOdds
{
    public static readonly Outcome[] Sides = [Outcome.Home, Outcome.Draw, Outcome.Away];

    public static bool TryBook(MarketView view, int match, PriceSource source, Phase phase, Span<double> prices)
    {
        for (var i = 0; i < 3; i++)
        {
            prices[i] = view.Price(match, source, MarketType.MatchOdds, Sides[i], phase);
            if (!(prices[i] > 1.0))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Fair probabilities from Pinnacle's book at the phase, or false when it is incomplete.</summary>
    public static bool TryFair(MarketView view, int match, Phase phase, MarginMethod method, Span<double> fair)
    {
        Span<double> book = stackalloc double[3];
        if (!TryBook(view, match, PriceSource.Pinnacle, phase, book))
        {
            return false;
        }

        if (method == MarginMethod.Multiplicative)
        {
            var sum = 1 / book[0] + 1 / book[1] + 1 / book[2];
            for (var i = 0; i < 3; i++)
            {
                fair[i] = 1 / book[i] / sum;
            }

            return true;
        }

        MarginRemoval.Remove(book, method).Probabilities.CopyTo(fair);
        return true;
    }

    /// <summary>Adds the single best-edge outcome above the threshold (one bet per match).</summary>
    public static void BetBestEdge(
        MarketView view,
        int match,
        PriceSource source,
        Phase phase,
        ReadOnlySpan<double> probabilities,
        double threshold,
        List<BetIntent> bets
    )
    {
        var best = -1;
        var bestEdge = threshold;
        for (var i = 0; i < 3; i++)
        {
            var price = view.Price(match, source, MarketType.MatchOdds, Sides[i], phase);
            if (!(price > 1.0) || !(probabilities[i] > 0))
            {
                continue;
            }

            var edge = price * probabilities[i] - 1;
            if (edge > bestEdge)
            {
                (best, bestEdge) = (i, edge);
            }
        }

        if (best >= 0)
        {
            bets.Add(new BetIntent(MarketType.MatchOdds, Sides[best], double.NaN, source, phase, probabilities[best]));
        }
    }
}
