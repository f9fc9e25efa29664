using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Market.Identity;

namespace Orleans.Betting.Market.Live;

/// <summary>
/// The live market store of one sport (key: the API's sport key). It reads each poll's events
/// (<see cref="LiveEventMapper"/>: teams met in the league's imported history, back prices with
/// their times) into one <see cref="IOddsEventGrain"/> per event, which keeps the price history and
/// the live record; this grain keeps only a small index, written when an event is added or changes
/// state (never per price). Decided, closed and settled events join their league-season grain, so
/// the strategies, the consensus and the ledger read live events as they read history.
/// </summary>
public sealed class LiveMarketGrain(
    [PersistentState("live-market", StorageNames.Betting)] IPersistentState<LiveMarketState> state,
    IGrainFactory grains,
    IOptionsMonitor<LiveOddsOptions> options,
    ILogger<LiveMarketGrain> logger
) : Grain, ILiveMarketGrain
{
    private const int ProblemsKept = 30;
    private TeamNameMatcher? matcher;
    private string? matcherVersion;

    private string Sport => this.GetPrimaryKeyString();

    private LiveOddsOptions Settings => options.CurrentValue;

    public async Task<LiveIngestReport> IngestAsync(IReadOnlyList<OddsEvent> events, DateTime observedUtc)
    {
        ArgumentNullException.ThrowIfNull(events);
        var s = state.State;
        var league = SportLeagues.TryLeague(Sport, out var code) ? code : null;
        var teams = league is null ? null : await MatcherAsync(league);
        var firstLead = Settings.DecisionLeads[0];
        var problems = new List<string>();
        var readings = LiveIngestRules.Read(events, Sport, teams, observedUtc, problems);
        var identities = LiveIngestRules.AssignMatchIds(s.Events.Values, readings.Select(r => r.Reading), problems);

        // One event grain per event; duplicates in sequence, so the newest price per book wins deterministically.
        var updates = await Task.WhenAll(
            readings
                .GroupBy(r => r.Event.Id, StringComparer.Ordinal)
                .Select(async g =>
                {
                    var grain = grains.GetGrain<IOddsEventGrain>(g.Key);
                    var list = new List<EventUpdate>();
                    foreach (var (e, reading) in g)
                    {
                        var observation = reading.ToObservation(observedUtc, firstLead) with
                        {
                            MatchId = identities.GetValueOrDefault(g.Key),
                        };
                        list.Add(await grain.RecordAsync(e, observation));
                    }

                    return list;
                })
        );

        var changed = false;
        foreach (var update in updates.SelectMany(u => u))
        {
            if (update.Live is { } summary)
            {
                // Held in memory always; written only when more than the newest price time moved (no write per price).
                changed |= !s.Events.TryGetValue(summary.EventId, out var known) || !SameIndex(known, summary);
                s.Events[summary.EventId] = summary;
            }
        }

        foreach (var (_, reading) in readings)
        {
            s.SkippedQuotes += reading.Skipped.Total;
            s.LayQuotes += reading.Skipped.LayQuotes;
            s.BadPrices += reading.Skipped.BadPrices;
            changed |= LiveIngestRules.TrackUnmapped(s.Unmapped, reading);
            problems.AddRange(reading.Problems);
        }

        s.Polls++;
        s.LastPollUtc = observedUtc;
        if (s.LastRetentionUtc is not { } retained || observedUtc - retained >= TimeSpan.FromHours(1))
        {
            // Also here, not only in settlement: a sport nobody trades is polled but never settled.
            changed |= await RetainAsync(observedUtc);
        }

        var current = problems.Distinct().Take(ProblemsKept).ToList();
        if (!current.SequenceEqual(s.PollProblems))
        {
            s.PollProblems = current;
            changed = true;
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }

        var flat = updates.SelectMany(u => u).ToList();
        return new LiveIngestReport(
            Sport,
            readings.Select(r => r.Event.Id).Distinct().Count(),
            readings.Where(r => r.Reading.Mapped).Select(r => r.Event.Id).Distinct().Count(),
            flat.Sum(u => u.LivePriceChanges),
            readings.Sum(r => r.Reading.Skipped.Total),
            problems,
            flat.Sum(u => u.PriceChanges),
            flat.SelectMany(u => u.NewSteam).ToList()
        );
    }

    /// <summary>
    /// Drops from the index, and clears the event grain of, every event nothing will read again:
    /// settled or voided ones after KeepSettledDays (they live on in the league-season store), and ones
    /// never decided (no bet rests on them: unmapped teams, a sport without history or one nobody
    /// trades) once past the void horizon and KeepSettledDays. Returns whether any went.
    /// </summary>
    private async Task<bool> RetainAsync(DateTime nowUtc)
    {
        var s = state.State;
        var keep = TimeSpan.FromDays(Settings.KeepSettledDays);
        var gone = s
            .Events.Values.Where(e =>
                e.SettledUtc is { } at
                    ? at + keep < nowUtc
                    : e.LastDecisionUtc is null && e.CommenceUtc + Settings.VoidAfter + keep < nowUtc
            )
            .ToList();
        await Task.WhenAll(gone.Select(e => grains.GetGrain<IOddsEventGrain>(e.EventId).ForgetAsync()));
        foreach (var e in gone)
        {
            s.Events.Remove(e.EventId);
        }

        s.Forgotten += gone.Count;
        s.LastRetentionUtc = nowUtc;
        return gone.Count > 0;
    }

    public async Task<LiveDecisionBatch> DecideAsync(DateTime nowUtc)
    {
        var s = state.State;
        var leads = Settings.DecisionLeads;
        var maxAge = Settings.MaxQuoteAge;
        var due = new List<LiveDecision>();
        var notDecided = new List<string>();
        var matches = new List<MatchRecord>();
        var taking = new List<(LiveEventSummary Event, DateTime Point)>();
        foreach (var e in s.Events.Values.Where(e => e.Mapped && e.Status == LiveEventStatus.Upcoming).OrderBy(e => e.CommenceUtc).ToList())
        {
            if (LiveEventBook.DueDecision(e.CommenceUtc, e.LastDecisionUtc, nowUtc, leads) is not { } point)
            {
                continue;
            }

            if (e.LastQuoteUtc is not { } quoted || nowUtc - quoted > maxAge)
            {
                // Not decided: the next tick tries again while the decision is still before kick-off.
                notDecided.Add(
                    $"{e.Fixture} ({e.MatchId}): newest price {(e.LastQuoteUtc is { } q ? q.ToString("u", CultureInfo.InvariantCulture) : "none")}, older than {maxAge.TotalMinutes:0.#} min"
                );
                continue;
            }

            taking.Add((e, point));
        }

        // Every due event's snapshot at once (one event grain each), kept in kick-off order.
        var updates = await Task.WhenAll(taking.Select(t => grains.GetGrain<IOddsEventGrain>(t.Event.EventId).DecideAsync(nowUtc)));
        foreach (var ((e, point), update) in taking.Zip(updates))
        {
            s.Events[e.EventId] = update.Summary;
            if (update.Match is { } match)
            {
                matches.Add(match);
                due.Add(new LiveDecision(e.EventId, match.Id, match.League, match.Season, e.CommenceUtc, point, e.LastQuoteUtc));
            }
        }

        // Decisions handed out before and not yet acknowledged (the taker failed before saving them) come
        // again while still before kick-off: a decision is taken once and delivered until it is kept.
        var expired = s.Unacknowledged.RemoveAll(d => d.CommenceUtc <= nowUtc);
        var again = s.Unacknowledged.ToList();
        s.Unacknowledged.AddRange(due);
        if (due.Count > 0 || expired > 0)
        {
            if (due.Count > 0)
            {
                await PublishAsync(matches);
            }

            await state.WriteStateAsync();
        }

        return new LiveDecisionBatch([.. again, .. due], notDecided);
    }

    public async Task AcknowledgeAsync(IReadOnlyList<LiveDecision> decisions)
    {
        var kept = decisions.Select(d => (d.EventId, d.DecisionUtc)).ToHashSet();
        if (state.State.Unacknowledged.RemoveAll(d => kept.Contains((d.EventId, d.DecisionUtc))) > 0)
        {
            await state.WriteStateAsync();
        }
    }

    public async Task<LiveOffer> OfferAsync(string matchId, PriceSource source, Selection selection, DateTime nowUtc)
    {
        var e = state.State.Events.Values.FirstOrDefault(e => string.Equals(e.MatchId, matchId, StringComparison.Ordinal));
        return e is null
            ? new LiveOffer(null, $"match {matchId} is not a live {Sport} event")
            : await grains.GetGrain<IOddsEventGrain>(e.EventId).OfferAsync(source, selection, nowUtc, Settings.MaxQuoteAge);
    }

    public async Task<LiveSettleReport> SettleAsync(DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var pass = await new LiveSettlement(state.State, grains, Sport, Settings, logger).RunAsync(nowUtc, cancellationToken);

        // Retention: settled events leave the index (they live on in the league-season store).
        var changed = pass.Changed | await RetainAsync(nowUtc);
        await PublishAsync(pass.Published);
        changed |= Remember(pass.Problems);
        if (changed)
        {
            await state.WriteStateAsync();
        }

        return new LiveSettleReport(
            Sport,
            pass.Closed,
            pass.Settled,
            pass.Voided,
            state.State.Events.Values.Count(e => e.Status == LiveEventStatus.Started),
            pass.UnknownScores,
            pass.ScoresError,
            pass.Problems
        );
    }

    public Task<LiveSportStatus> GetStatusAsync()
    {
        var s = state.State;
        var leads = Settings.DecisionLeads;
        var now = s.LastPollUtc ?? DateTime.MinValue;
        return Task.FromResult(
            new LiveSportStatus(
                Sport,
                SportLeagues.TryLeague(Sport, out var league) ? league : null,
                s.Events.Count,
                s.Events.Values.Count(e => e.Mapped),
                s.Unmapped.Order(StringComparer.Ordinal).ToList(),
                s.LastPollUtc,
                s.Events.Values.Count(e => e.Status == LiveEventStatus.Upcoming),
                s.Events.Values.Count(e => e.Status == LiveEventStatus.Started),
                s.Events.Values.Where(e => e.Mapped && e.Status == LiveEventStatus.Upcoming)
                    .Select(e => LiveEventBook.NextDecision(e.CommenceUtc, e.LastDecisionUtc, now, leads))
                    .OfType<DateTime>()
                    .Order()
                    .Cast<DateTime?>()
                    .FirstOrDefault(),
                s.Polls,
                s.SkippedQuotes,
                s.LayQuotes,
                s.BadPrices,
                s.LastScoresUtc,
                s.ScoresError,
                s.Settled,
                s.Voided,
                [.. s.PollProblems, .. s.Problems.Where(p => !s.PollProblems.Contains(p))],
                s.Events.Values.Where(e => e.Status == LiveEventStatus.Upcoming).Select(e => e.CommenceUtc).Order().ToList(),
                s.Forgotten
            )
        );
    }

    /// <summary>The team matcher of the league, rebuilt when its imported history changes (live-published seasons do not count).</summary>
    private async Task<TeamNameMatcher?> MatcherAsync(string league)
    {
        var seasons = (await grains.GetGrain<IMarketCatalogGrain>(IMarketCatalogGrain.Key).ListAsync())
            .Where(x => string.Equals(x.League, league, StringComparison.OrdinalIgnoreCase) && x.Source != LiveSource && x.Matches > 0)
            .ToList();
        if (seasons.Count == 0)
        {
            return null;
        }

        var version = string.Join(",", seasons.Select(x => $"{x.Season}:{x.Version}"));
        if (matcher is null || version != matcherVersion)
        {
            var data = await Task.WhenAll(
                seasons.Select(x => grains.GetGrain<ILeagueSeasonGrain>(new LeagueSeasonKey(x.League, x.Season).ToString()).GetAsync())
            );
            var names = data.SelectMany(d => d.Matches).SelectMany(m => new[] { m.HomeTeam, m.AwayTeam }).Distinct(StringComparer.Ordinal);
            matcher = new TeamNameMatcher(league, names);
            matcherVersion = version;
        }

        return matcher;
    }

    /// <summary>The source name of league-season data published from the live market.</summary>
    public const string LiveSource = "live";

    private async Task PublishAsync(IReadOnlyList<MatchRecord> matches)
    {
        foreach (var group in matches.GroupBy(m => new LeagueSeasonKey(m.League, m.Season)))
        {
            var latest = group.GroupBy(m => m.Id, StringComparer.Ordinal).Select(g => g.Last()).ToArray();
            await grains
                .GetGrain<ILeagueSeasonGrain>(group.Key.ToString())
                .UpsertAsync(new SeasonData(group.Key.League, group.Key.Season, latest, LiveSource));
        }
    }

    private static bool SameIndex(LiveEventSummary a, LiveEventSummary b) =>
        a with { LastQuoteUtc = null } == b with { LastQuoteUtc = null };

    private bool Remember(IEnumerable<string> problems)
    {
        var list = state.State.Problems;
        var added = false;
        foreach (var p in problems.Distinct().Where(p => !list.Contains(p)))
        {
            list.Add(p);
            added = true;
        }

        if (list.Count > ProblemsKept)
        {
            list.RemoveRange(0, list.Count - ProblemsKept);
        }

        return added;
    }
}
