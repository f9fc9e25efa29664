using Orleans.Betting.ExternalApis;
using Orleans.Betting.Market.Identity;

namespace Orleans.Betting.Market.Live;

/// <summary>
/// What the live market store does with one odds response before any grain is called: read each event
/// (skipping what is not this sport or has no id, merging duplicates), give new events distinct match ids,
/// and keep the list of team names that map to no history team.
/// </summary>
public static class LiveIngestRules
{
    /// <summary>The response's events read, in order; what was skipped or merged is added to <paramref name="problems"/>.</summary>
    public static List<(OddsEvent Event, LiveEventReading Reading)> Read(
        IReadOnlyList<OddsEvent> events,
        string sport,
        TeamNameMatcher? teams,
        DateTime observedUtc,
        List<string> problems
    )
    {
        var readings = new List<(OddsEvent Event, LiveEventReading Reading)>();
        foreach (var group in events.Where(e => e is not null).GroupBy(e => e.Id ?? "", StringComparer.Ordinal))
        {
            if (group.Key.Length == 0)
            {
                problems.Add($"{group.Count()} event(s) without an id: skipped");
                continue;
            }

            if (group.Count() > 1)
            {
                problems.Add($"event {group.Key} listed {group.Count()} times in one response: merged, the newest price of each book kept");
            }

            foreach (var e in group)
            {
                if (!string.Equals(e.SportKey, sport, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"event {e.Id} ({e.HomeTeam} v {e.AwayTeam}) is '{e.SportKey}', not {sport}: skipped");
                    continue;
                }

                readings.Add((e, LiveEventMapper.Read(e, teams, observedUtc)));
            }
        }

        return readings;
    }

    /// <summary>
    /// Distinct match ids for new mapped events whose natural id (league, season, date, teams) another
    /// event already holds: two events never share a match, and the collision is reported.
    /// </summary>
    public static Dictionary<string, string> AssignMatchIds(
        IEnumerable<LiveEventSummary> known,
        IEnumerable<LiveEventReading> readings,
        List<string> problems
    )
    {
        var events = known.ToDictionary(e => e.EventId, StringComparer.Ordinal);
        var holders = events
            .Values.Where(e => e.MatchId is not null)
            .GroupBy(e => e.MatchId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().EventId, StringComparer.Ordinal);
        var assigned = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in readings.Where(r => r.Mapped).DistinctBy(r => r.EventId, StringComparer.Ordinal))
        {
            if (events.TryGetValue(r.EventId, out var kept) && kept.MatchId is not null)
            {
                continue; // an event keeps the identity it was given
            }

            var natural = LiveEventBook.NaturalMatchId(r.League!, r.CommenceUtc, r.Home!.HistoryName!, r.Away!.HistoryName!);
            if (!holders.TryGetValue(natural, out var holder) || string.Equals(holder, r.EventId, StringComparison.Ordinal))
            {
                holders[natural] = r.EventId;
                continue;
            }

            var distinct = LiveEventBook.DistinctMatchId(natural, r.CommenceUtc, r.EventId, holders.ContainsKey);
            holders[distinct] = r.EventId;
            assigned[r.EventId] = distinct;
            problems.Add(
                $"event {r.EventId} ({r.Fixture}) has the teams and date of event {holder} ({natural}): a match of its own, {distinct}"
            );
        }

        return assigned;
    }

    /// <summary>Records the reading's unmapped team names and forgets those now mapped; true when the list changed.</summary>
    public static bool TrackUnmapped(HashSet<string> unmapped, LiveEventReading reading)
    {
        var changed = false;
        foreach (var t in new[] { reading.Home, reading.Away }.OfType<TeamMapping>().Where(t => !t.Mapped))
        {
            changed |= unmapped.Add(t.Name);
        }

        if (reading.Home?.Mapped == true)
        {
            changed |= unmapped.Remove(reading.Home.Name);
        }

        if (reading.Away?.Mapped == true)
        {
            changed |= unmapped.Remove(reading.Away.Name);
        }

        return changed;
    }
}
