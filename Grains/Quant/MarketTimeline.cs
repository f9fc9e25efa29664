using Orleans.Betting.Market;

namespace Orleans.Betting.Quant;

/// <summary>When each kind of fact becomes known (DESIGN §3).</summary>
public sealed record FactTiming(TimeSpan OpeningLead, TimeSpan ResultDelay)
{
    public static FactTiming Default { get; } = new(TimeSpan.FromDays(2), TimeSpan.FromHours(2));

    public DateTime KnownAt(DateTime kickoffUtc, Phase phase) => phase == Phase.Opening ? kickoffUtc - OpeningLead : kickoffUtc;

    public DateTime ResultKnownAt(DateTime kickoffUtc) => kickoffUtc + ResultDelay;
}

/// <summary>Matches of one or more seasons in kick-off order, the raw material of every backtest.</summary>
public sealed class MarketTimeline
{
    public MarketTimeline(IEnumerable<MatchRecord> matches, FactTiming? timing = null)
    {
        Matches = matches.OrderBy(m => m.KickoffUtc).ThenBy(m => m.Id, StringComparer.Ordinal).ToArray();
        Timing = timing ?? FactTiming.Default;
        Kickoffs = Matches.Select(m => m.KickoffUtc).ToArray();
        Ids = Matches.Select(m => m.Id).ToArray();
        MatchOddsIndex = BuildMatchOddsIndex(Matches);
        HomeGoals = Matches.Select(m => m.Result?.HomeGoals ?? -1).ToArray();
        AwayGoals = Matches.Select(m => m.Result?.AwayGoals ?? -1).ToArray();
    }

    /// <summary>Full-time goals per match (−1 without a result), flat for the settlement hot path.</summary>
    internal int[] HomeGoals { get; }

    internal int[] AwayGoals { get; }

    // A constant so the index arithmetic folds at JIT time; SharpBook must stay the last source.
    private const int SourceCount = (int)PriceSource.SharpBook + 1;

    /// <summary>
    /// 1X2 prices laid out flat per match × source × phase × outcome (NaN when not quoted): the
    /// hottest lookup of every strategy becomes one array read instead of a scan over ~100 quotes.
    /// </summary>
    internal double[] MatchOddsIndex { get; }

    internal static int Slot(int match, PriceSource source, Phase phase, Outcome outcome) =>
        ((match * SourceCount + (int)source) * 2 + (int)phase) * 3 + (int)outcome;

    private static double[] BuildMatchOddsIndex(MatchRecord[] matches)
    {
        var index = new double[matches.Length * SourceCount * 2 * 3];
        Array.Fill(index, double.NaN);
        for (var i = 0; i < matches.Length; i++)
        {
            foreach (var q in matches[i].Quotes)
            {
                if (q.Market == MarketType.MatchOdds && q.Outcome <= Outcome.Away)
                {
                    var slot = Slot(i, q.Source, q.Phase, q.Outcome);
                    if (double.IsNaN(index[slot]))
                    {
                        index[slot] = q.Price;
                    }
                }
            }
        }

        return index;
    }

    public MatchRecord[] Matches { get; }

    public DateTime[] Kickoffs { get; }

    /// <summary>Match ids by index: the hot loop reads these flat arrays instead of chasing each match object.</summary>
    public string[] Ids { get; }

    public FactTiming Timing { get; }

    public int Count => Matches.Length;

    /// <summary>The view of everything known at <paramref name="asOfUtc"/>; nothing later can be read through it.</summary>
    public MarketView ViewAt(DateTime asOfUtc) => new(this, asOfUtc);

    /// <summary>Index of the first match whose kickoff is at or after the time (binary search).</summary>
    public int FirstKickoffAtOrAfter(DateTime utc)
    {
        var i = Array.BinarySearch(Kickoffs, utc);
        if (i < 0)
        {
            return ~i;
        }

        while (i > 0 && Kickoffs[i - 1] == utc)
        {
            i--;
        }

        return i;
    }
}

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
            throw new LookAheadException($"{id}: {source} {market} {outcome} {phase} price is known at {timeline.Timing.KnownAt(kickoff, phase):u}, the view is at {AsOfUtc:u}");
        }

        if (market == MarketType.MatchOdds)
        {
            return outcome <= Outcome.Away ? timeline.MatchOddsIndex[MarketTimeline.Slot(match, source, phase, outcome)] : double.NaN;
        }

        var m = timeline.Matches[match];

        foreach (var q in m.Quotes)
        {
            if (q.Source == source && q.Market == market && q.Outcome == outcome && q.Phase == phase
                && (market == MarketType.MatchOdds || q.Line.Equals(line) || double.IsNaN(line)))
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

/// <summary>A strategy asked for a fact that was not known at its decision time.</summary>
public sealed class LookAheadException(string message) : Exception(message);
