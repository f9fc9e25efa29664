using Orleans.Betting.Market;

namespace Orleans.Betting.Quant;

/// <summary>Closing line value against the multiplicatively de-margined Pinnacle closing price.</summary>
public static class ClosingLine
{
    public static double Value(MarketTimeline timeline, int matchIndex, BetIntent intent, double price)
    {
        if (intent.Market == MarketType.MatchOdds)
        {
            // The flat 1X2 index answers the common case without scanning the quotes.
            Span<double> fair = stackalloc double[3];
            return intent.Outcome <= Outcome.Away && timeline.TryFairMatchOdds(matchIndex, PriceSource.Pinnacle, Phase.Closing, fair, out _)
                ? price * fair[(int)intent.Outcome] - 1
                : double.NaN;
        }

        return Value(timeline.Matches[matchIndex], intent, price);
    }

    public static double Value(MatchRecord match, BetIntent intent, double price) => Value(match, intent, price, PriceSource.Pinnacle);

    /// <summary>As above against another close (the live ledger's stated consensus close when Pinnacle has none).</summary>
    public static double Value(MatchRecord match, BetIntent intent, double price, PriceSource reference) =>
        price * FairProbability(match, intent.Market, intent.Outcome, intent.Line, reference, Phase.Closing, out _) - 1;

    /// <summary>
    /// A book's multiplicatively de-margined probability of one outcome at a phase, with the book's
    /// booksum; NaN unless the book quotes every side of that market (and line) at that phase.
    /// </summary>
    public static double FairProbability(
        MatchRecord match,
        MarketType market,
        Outcome outcome,
        double line,
        PriceSource reference,
        Phase phase,
        out double booksum
    )
    {
        Span<double> book = stackalloc double[3];
        var n = 0;
        var index = -1;
        booksum = double.NaN;
        ReadOnlySpan<Outcome> sides =
            market == MarketType.MatchOdds ? [Outcome.Home, Outcome.Draw, Outcome.Away]
            : market == MarketType.OverUnder ? [Outcome.Over, Outcome.Under]
            : [Outcome.Home, Outcome.Away];
        foreach (var side in sides)
        {
            var found = double.NaN;
            foreach (var q in match.Quotes)
            {
                if (
                    q.Source == reference
                    && q.Phase == phase
                    && q.Market == market
                    && q.Outcome == side
                    && (market == MarketType.MatchOdds || q.Line.Equals(line))
                )
                {
                    found = q.Price;
                    break;
                }
            }

            if (double.IsNaN(found) || found <= 1.0)
            {
                return double.NaN;
            }

            if (side == outcome)
            {
                index = n;
            }

            book[n++] = found;
        }

        if (index < 0)
        {
            return double.NaN;
        }

        booksum = 0;
        for (var i = 0; i < n; i++)
        {
            booksum += 1 / book[i];
        }

        return 1 / book[index] / booksum;
    }
}
