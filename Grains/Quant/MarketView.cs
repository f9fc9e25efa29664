using Orleans.Betting.Market;

namespace Orleans.Betting.Quant;

/// <summary>
/// A point-in-time window onto a <see cref="MarketTimeline"/>: quotes and results are answered
/// only if they were known at <see cref="AsOfUtc"/>; asking for a later fact throws
/// <see cref="LookAheadException"/>. Strategies receive nothing else, so look-ahead is impossible.
/// </summary>
public readonly struct MarketView
{
    private readonly MarketTimeline timeline;

    private readonly DateTime openingKickoffCutoff;

    internal MarketView(MarketTimeline timeline, DateTime asOfUtc)
    {
        this.timeline = timeline;
        AsOfUtc = asOfUtc;
        // An opening quote is known once kick-off − lead ≤ as-of, i.e. kick-off ≤ as-of + lead.
        openingKickoffCutoff = asOfUtc + timeline.Timing.OpeningLead;
    }

    public DateTime AsOfUtc { get; }

    public int MatchCount => timeline.Count;

    /// <summary>Identity and schedule of a match (known in advance).</summary>
    public (string Id, string League, string Season, DateTime KickoffUtc, string Home, string Away) Fixture(int match)
    {
        var m = timeline.Matches[match];
        return (m.Id, m.League, m.Season, m.KickoffUtc, m.HomeTeam, m.AwayTeam);
    }

    /// <summary>The price, or NaN when no such quote exists. Throws if the quote was not yet known.</summary>
    public double Price(int match, PriceSource source, MarketType market, Outcome outcome, Phase phase, double line = double.NaN)
    {
        var kickoff = timeline.Kickoffs[match];
        if (kickoff > (phase == Phase.Opening ? openingKickoffCutoff : AsOfUtc))
        {
            var id = timeline.Matches[match].Id;
            throw new LookAheadException(
                $"{id}: {source} {market} {outcome} {phase} price is known at {timeline.Timing.KnownAt(kickoff, phase):u}, the view is at {AsOfUtc:u}"
            );
        }

        if (market == MarketType.MatchOdds)
        {
            return outcome <= Outcome.Away ? timeline.MatchOddsIndex[MarketTimeline.Slot(match, source, phase, outcome)] : double.NaN;
        }

        var m = timeline.Matches[match];

        foreach (var q in m.Quotes)
        {
            if (
                q.Source == source
                && q.Market == market
                && q.Outcome == outcome
                && q.Phase == phase
                && (market == MarketType.MatchOdds || q.Line.Equals(line) || double.IsNaN(line))
            )
            {
                return q.Price;
            }
        }

        return double.NaN;
    }

    /// <summary>The result. Throws if it was not yet known at the view's time.</summary>
    public MatchResult? Result(int match)
    {
        var m = timeline.Matches[match];
        var knownAt = timeline.Timing.ResultKnownAt(m.KickoffUtc);
        return knownAt > AsOfUtc
            ? throw new LookAheadException($"{m.Id}: the result is known at {knownAt:u}, the view is at {AsOfUtc:u}")
            : m.Result;
    }

    /// <summary>How many leading matches (in kick-off order) have results known at the view's time.</summary>
    public int SettledCount()
    {
        var cutoff = AsOfUtc - timeline.Timing.ResultDelay;
        return timeline.FirstKickoffAtOrAfter(cutoff.AddTicks(1));
    }

    /// <summary>How many leading matches (in kick-off order) have closing prices known at the view's time (those kicked off).</summary>
    public int ClosesKnownCount() => timeline.FirstKickoffAtOrAfter(AsOfUtc.AddTicks(1));

    /// <summary>
    /// The timeline's shared feature store. Its features answer only through a view, as of the
    /// view's time (the results and closing prices it knows).
    /// </summary>
    public Features.FeatureStore Features => timeline.Features;

    /// <summary>Matches whose results are known at the view's time, most recent last (for ratings and form).</summary>
    public IEnumerable<int> SettledMatches()
    {
        var cutoff = AsOfUtc - timeline.Timing.ResultDelay;
        var end = timeline.FirstKickoffAtOrAfter(cutoff.AddTicks(1));
        for (var i = 0; i < end; i++)
        {
            yield return i;
        }
    }
}
