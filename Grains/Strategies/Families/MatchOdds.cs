using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Strategies.Families;

/// <summary>Small helpers over a view's 1X2 prices shared by the families.</summary>
internal static class MatchOdds
{
    public static readonly Outcome[] Sides = [Outcome.Home, Outcome.Draw, Outcome.Away];

    /// <summary>Every single named bookmaker (no aggregates, no exchange): the books the pseudo-book "best" chooses from.</summary>
    public static readonly PriceSource[] Bookmakers = Enum.GetValues<PriceSource>()
        .Where(s => s is not (PriceSource.MarketMax or PriceSource.MarketAvg or PriceSource.BetfairExchange))
        .ToArray();

    /// <summary>
    /// The price at a source, or with <paramref name="source"/> null the best price of any single
    /// bookmaker (and which one offers it); NaN when none quotes it.
    /// </summary>
    public static double Price(
        MarketView view,
        int match,
        PriceSource? source,
        MarketType market,
        Outcome outcome,
        Phase phase,
        double line,
        out PriceSource at
    )
    {
        if (source is { } named)
        {
            at = named;
            return view.Price(match, named, market, outcome, phase, line);
        }

        var best = double.NaN;
        at = PriceSource.MarketMax;
        foreach (var book in Bookmakers)
        {
            var price = view.Price(match, book, market, outcome, phase, line);
            if (price > best || (double.IsNaN(best) && price > 1.0))
            {
                (best, at) = (price, book);
            }
        }

        return best;
    }

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
        PriceSource? source,
        Phase phase,
        ReadOnlySpan<double> probabilities,
        double threshold,
        List<BetIntent> bets
    )
    {
        var best = -1;
        var bestEdge = threshold;
        var bestSource = PriceSource.MarketMax;
        for (var i = 0; i < 3; i++)
        {
            var price = Price(view, match, source, MarketType.MatchOdds, Sides[i], phase, double.NaN, out var at);
            if (!(price > 1.0) || !(probabilities[i] > 0))
            {
                continue;
            }

            var edge = price * probabilities[i] - 1;
            if (edge > bestEdge)
            {
                (best, bestEdge, bestSource) = (i, edge, at);
            }
        }

        if (best >= 0)
        {
            bets.Add(new BetIntent(MarketType.MatchOdds, Sides[best], double.NaN, bestSource, phase, probabilities[best]));
        }
    }
}
