using System.Globalization;
using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Market.Live;

/// <summary>
/// The rules of a live event's life in the market store (pure): observe a reading (prices before
/// kick-off only, the newest per book × market × outcome × line, the decision snapshot frozen at the
/// decision lead), capture the close at commence, settle from a completed score, void what never
/// completes, and present the event as a <see cref="MatchRecord"/> so every line after ingestion is
/// shared with replay: the Opening phase is the decision snapshot, the Closing phase the captured
/// close, plus the market maximum and average over every book.
/// </summary>
public static class LiveEventBook
{
    /// <summary>Applies a reading; returns how many prices changed.</summary>
    public static int Observe(LiveEventRecord record, LiveEventReading reading, DateTime nowUtc, TimeSpan decisionLead) =>
        Observe(record, reading.ToObservation(nowUtc, decisionLead));

    /// <summary>Applies an observation (the decision snapshot follows the prices until the first lead); returns how many prices changed.</summary>
    public static int Observe(LiveEventRecord record, LiveObservation reading)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(reading);
        var nowUtc = reading.ObservedUtc;
        var decisionLead = reading.FirstLead;
        if (record.EventId.Length == 0)
        {
            record.EventId = reading.EventId;
            record.SportKey = reading.SportKey;
            record.FirstSeenUtc = nowUtc;
            record.CommenceUtc = reading.CommenceUtc;
            record.TwoWay = reading.TwoWay;
        }

        record.League = reading.League;
        record.ProviderHome = reading.ProviderHome;
        record.ProviderAway = reading.ProviderAway;
        record.Home = reading.Home;
        record.Away = reading.Away;
        record.LastSeenUtc = nowUtc;
        if (reading.CommenceUtc != record.CommenceUtc)
        {
            // A moved kick-off: the event keeps its identity; a postponement reopens it.
            record.CommenceMoves++;
            record.CommenceUtc = reading.CommenceUtc;
            if (record.Status == LiveEventStatus.Started && reading.CommenceUtc > nowUtc)
            {
                record.Status = LiveEventStatus.Upcoming;
                record.Closing = null;
            }
        }

        if (record.MatchId.Length == 0 && record.Mapped)
        {
            record.Season = SeasonName.Of(record.CommenceUtc);
            record.MatchId = reading.MatchId ?? NaturalMatchId(record.League!, record.CommenceUtc, record.Home!, record.Away!);
        }

        if (record.Status is LiveEventStatus.Completed or LiveEventStatus.Voided)
        {
            return 0;
        }

        var changes = 0;
        var slots = record.Latest.Select((q, i) => (q.Slot, i)).ToDictionary(x => x.Slot, x => x.i);
        foreach (var q in reading.Quotes)
        {
            if (q.AtUtc >= record.CommenceUtc)
            {
                continue; // in play: never a pre-match price
            }

            if (!slots.TryGetValue(q.Slot, out var i))
            {
                slots[q.Slot] = record.Latest.Count;
                record.Latest.Add(q);
                changes++;
            }
            else if (q.AtUtc >= record.Latest[i].AtUtc && q != record.Latest[i])
            {
                // A duplicate event in one response, or an older snapshot arriving late, never rolls a price back.
                record.Latest[i] = q;
                changes++;
            }
        }

        // The decision snapshot: the latest prices as of the decision lead (or the first seen, when the event appeared later).
        if (record.LastDecisionUtc is null && (record.Decision.Count == 0 || nowUtc <= record.CommenceUtc - decisionLead))
        {
            record.Decision = record.Latest.ToList();
        }

        return changes;
    }

    /// <summary>The match id a live event takes when no other event holds it: the same id a football-data import of the match gives.</summary>
    public static string NaturalMatchId(string league, DateTime commenceUtc, string home, string away) =>
        MatchId.Format(league, SeasonName.Of(commenceUtc), commenceUtc, home, away);

    /// <summary>
    /// The id of an event whose natural id another event already holds (the same teams twice on one
    /// date): the kick-off time joins the fixture, and the provider's event id when even that is taken.
    /// </summary>
    public static string DistinctMatchId(string natural, DateTime commenceUtc, string eventId, Func<string, bool> taken)
    {
        var timed = $"{natural}@{commenceUtc.ToString("HHmm", CultureInfo.InvariantCulture)}";
        return taken(timed) ? $"{natural}#{eventId}" : timed;
    }

    /// <summary>
    /// The decision point due now for an event kicking off at <paramref name="commenceUtc"/>: the latest
    /// lead time passed (kick-off − lead ≤ now) that has not been decided yet, before kick-off; null when none is due.
    /// </summary>
    public static DateTime? DueDecision(DateTime commenceUtc, DateTime? lastDecisionUtc, DateTime nowUtc, IReadOnlyList<TimeSpan> leads)
    {
        if (nowUtc >= commenceUtc)
        {
            return null;
        }

        DateTime? due = null;
        foreach (var lead in leads)
        {
            var point = commenceUtc - lead;
            if (point <= nowUtc && (due is null || point > due))
            {
                due = point;
            }
        }

        return due is { } d && (lastDecisionUtc is not { } last || last < d) ? d : null;
    }

    /// <summary>The next decision point (for status): the earliest lead time after now and after the last decision.</summary>
    public static DateTime? NextDecision(DateTime commenceUtc, DateTime? lastDecisionUtc, DateTime nowUtc, IReadOnlyList<TimeSpan> leads) =>
        leads
            .Select(l => commenceUtc - l)
            .Where(t => t > nowUtc && (lastDecisionUtc is not { } last || t > last))
            .Order()
            .Cast<DateTime?>()
            .FirstOrDefault();

    /// <summary>A decision is taken now: the latest prices become the snapshot the strategies see (the Opening phase).</summary>
    public static void TakeDecision(LiveEventRecord record, DateTime nowUtc)
    {
        record.Decision = record.Latest.ToList();
        record.LastDecisionUtc = nowUtc;
    }

    /// <summary>At commence: the last prices before kick-off become the close (once).</summary>
    public static bool CaptureClose(LiveEventRecord record, DateTime nowUtc)
    {
        if (record.Status != LiveEventStatus.Upcoming || nowUtc < record.CommenceUtc)
        {
            return false;
        }

        record.Closing = record.Latest.Where(q => q.AtUtc < record.CommenceUtc).ToList();
        record.Status = LiveEventStatus.Started;
        return true;
    }

    /// <summary>
    /// A score for this event: a completed one with both teams' integer scores settles it; anything
    /// else leaves it open and says why (null when nothing is wrong, merely not finished).
    /// </summary>
    public static string? Settle(LiveEventRecord record, ScoreEvent score, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(score);
        if (record.Status is LiveEventStatus.Completed or LiveEventStatus.Voided || !score.Completed)
        {
            return null;
        }

        int? Goals(string team) =>
            score.Scores?.FirstOrDefault(s => string.Equals(s.Name, team, StringComparison.Ordinal)) is { } s
            && int.TryParse(s.Score, NumberStyles.Integer, CultureInfo.InvariantCulture, out var goals)
            && goals >= 0
                ? goals
                : null;

        if (Goals(record.ProviderHome) is not { } home || Goals(record.ProviderAway) is not { } away)
        {
            return $"event {record.EventId} ({record.Fixture}): completed, but its scores do not give both teams a whole number "
                + $"({string.Join(", ", (score.Scores ?? []).Select(s => $"{s.Name}={s.Score}"))}): left open";
        }

        CaptureClose(record, nowUtc);
        record.Result = new MatchResult(home, away, null, null);
        record.Status = LiveEventStatus.Completed;
        record.SettledUtc = nowUtc;
        return null;
    }

    /// <summary>An event still without a completed score this long after kick-off is voided, with the reason.</summary>
    public static bool VoidIfOverdue(LiveEventRecord record, DateTime nowUtc, TimeSpan voidAfter)
    {
        if (record.Status is LiveEventStatus.Completed or LiveEventStatus.Voided || nowUtc < record.CommenceUtc + voidAfter)
        {
            return false;
        }

        CaptureClose(record, nowUtc);
        record.Status = LiveEventStatus.Voided;
        record.SettledUtc = nowUtc;
        record.VoidReason =
            $"no completed score {voidAfter.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h after kick-off "
            + $"({record.CommenceUtc:u}): voided, stakes returned";
        return true;
    }

    /// <summary>The event as the market store's match (mapped events only): decision snapshot as Opening, close as Closing.</summary>
    public static MatchRecord ToMatch(LiveEventRecord record)
    {
        if (!record.Mapped || record.MatchId.Length == 0)
        {
            throw new InvalidOperationException($"event {record.EventId} ({record.Fixture}) is not mapped to a league history");
        }

        var quotes = new List<Quote>();
        AddPhase(quotes, record.Decision, Phase.Opening);
        if (record.Closing is { } closing)
        {
            AddPhase(quotes, closing, Phase.Closing);
        }

        return new MatchRecord(
            record.MatchId,
            record.League!,
            record.Season,
            record.CommenceUtc,
            record.Home!,
            record.Away!,
            record.Status == LiveEventStatus.Completed ? record.Result : null,
            quotes.ToArray()
        );
    }

    /// <summary>
    /// The named bookmaker behind a price the model chose: the book itself for a named source, the
    /// book offering the maximum for the market maximum; null when no live book offers it.
    /// </summary>
    public static LiveQuote? Offer(IEnumerable<LiveQuote> quotes, PriceSource source, MarketType market, Outcome outcome, double line)
    {
        var slot = quotes.Where(q => q.Market == market && q.Outcome == outcome && SameLine(q.Line, line));
        return source switch
        {
            PriceSource.MarketMax or PriceSource.MarketAvg => slot.OrderByDescending(q => q.Price)
                .ThenBy(q => q.Bookmaker, StringComparer.Ordinal)
                .FirstOrDefault(),
            _ => slot.Where(q => BookmakerSources.TrySource(q.Bookmaker, out var s) && s == source)
                .OrderByDescending(q => q.Price)
                .FirstOrDefault(),
        };
    }

    private static bool SameLine(double a, double b) => (double.IsNaN(a) && double.IsNaN(b)) || Math.Abs(a - b) < 1e-9;

    private static void AddPhase(List<Quote> quotes, IReadOnlyList<LiveQuote> live, Phase phase)
    {
        foreach (var slot in live.GroupBy(q => (q.Market, q.Outcome, Line: double.IsNaN(q.Line) ? double.NaN : q.Line)))
        {
            // A named source appears once per slot (two exchange regions: the better back price).
            var named = new Dictionary<PriceSource, double>();
            foreach (var q in slot)
            {
                if (BookmakerSources.TrySource(q.Bookmaker, out var source) && q.Price > named.GetValueOrDefault(source))
                {
                    named[source] = q.Price;
                }
            }

            foreach (var (source, price) in named.OrderBy(n => n.Key))
            {
                quotes.Add(new Quote(source, slot.Key.Market, slot.Key.Outcome, slot.Key.Line, phase, price));
            }

            quotes.Add(new Quote(PriceSource.MarketMax, slot.Key.Market, slot.Key.Outcome, slot.Key.Line, phase, slot.Max(q => q.Price)));
            quotes.Add(
                new Quote(
                    PriceSource.MarketAvg,
                    slot.Key.Market,
                    slot.Key.Outcome,
                    slot.Key.Line,
                    phase,
                    Math.Round(slot.Average(q => q.Price), 4)
                )
            );
        }
    }
}
