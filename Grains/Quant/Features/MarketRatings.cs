using Orleans.Betting.Market;

namespace Orleans.Betting.Quant.Features;

/// <summary>A league's market-implied home advantage (rating points) and draw share at a zero gap.</summary>
public readonly record struct LeagueShape(double HomeAdvantage, double DrawBase);

/// <summary>
/// Ratings implied by the market: after each match, its de-margined closing 1X2 prices (Pinnacle's,
/// else the market average's) say what rating gap the market believed; each side's rating moves a
/// share (the rate) of the way to that gap, the league's home advantage a tenth of it, and the
/// league's draw share at a zero gap follows the closes' draws. A closing price is known at
/// kick-off, so a view reads the ratings from the closes of earlier matches it can see. On the Elo
/// scale of <see cref="RatingScale"/>.
/// </summary>
public sealed class MarketRatings
{
    private const double InitialHomeAdvantage = 60;
    private const double InitialDrawBase = 0.26;
    private const double DrawRate = 0.02;
    private readonly FeatureStore store;
    private readonly TeamSeries<double>[] teams;
    private readonly TeamSeries<LeagueShape>[] leagues;

    internal MarketRatings(FeatureStore store, double rate)
    {
        this.store = store;
        teams = TeamSeries<double>.For(store.Teams);
        leagues = TeamSeries<LeagueShape>.For(store.Leagues);
        var rating = new double[store.Teams];
        var shape = Enumerable.Repeat(new LeagueShape(InitialHomeAdvantage, InitialDrawBase), store.Leagues).ToArray();

        Span<double> fair = stackalloc double[3];
        for (var i = 0; i < store.Timeline.Count; i++)
        {
            if (!TryClosingFair(store.Timeline, i, fair))
            {
                continue;
            }

            var (h, a, l) = (store.Home[i], store.Away[i], store.League[i]);
            var expected = Math.Clamp(fair[0] + fair[1] / 2, 0.01, 0.99);
            var gap = RatingScale.Gap(expected);
            var error = gap - (rating[h] - rating[a] + shape[l].HomeAdvantage);
            rating[h] += rate * error / 2;
            rating[a] -= rate * error / 2;
            var drawAtZero = fair[1] / Math.Exp(-Math.Abs(gap) / RatingScale.DrawDecay);
            shape[l] = new LeagueShape(
                shape[l].HomeAdvantage + rate / 10 * error,
                shape[l].DrawBase + DrawRate * (drawAtZero - shape[l].DrawBase)
            );
            teams[h].Add(i, rating[h]);
            teams[a].Add(i, rating[a]);
            leagues[l].Add(i, shape[l]);
        }
    }

    /// <summary>
    /// Home/draw/away probabilities from the ratings the closes of the view's earlier matches imply,
    /// with <paramref name="adjustment"/> rating points added to the home side; false until each side
    /// has at least <paramref name="minCloses"/> closes behind it.
    /// </summary>
    public bool TryProbabilities(MarketView view, int match, int minCloses, double adjustment, Span<double> probabilities)
    {
        var known = Math.Min(view.ClosesKnownCount(), match);
        if (
            !teams[store.Home[match]].TryAt(known, out var home, out var homeCloses)
            || !teams[store.Away[match]].TryAt(known, out var away, out var awayCloses)
            || homeCloses < minCloses
            || awayCloses < minCloses
            || !leagues[store.League[match]].TryAt(known, out var shape, out _)
        )
        {
            return false;
        }

        var (h, d, a) = RatingScale.Probabilities(home - away + shape.HomeAdvantage + adjustment, shape.DrawBase);
        probabilities[0] = h;
        probabilities[1] = d;
        probabilities[2] = a;
        return true;
    }

    /// <summary>The close's fair 1X2 probabilities: Pinnacle's, else the market average's (an arbitrage book is no witness).</summary>
    private static bool TryClosingFair(MarketTimeline timeline, int match, Span<double> fair) =>
        (timeline.TryFairMatchOdds(match, PriceSource.Pinnacle, Phase.Closing, fair, out var sum) && sum > 1.0)
        || (timeline.TryFairMatchOdds(match, PriceSource.MarketAvg, Phase.Closing, fair, out sum) && sum > 1.0);
}
