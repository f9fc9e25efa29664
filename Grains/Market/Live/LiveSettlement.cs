using Microsoft.Extensions.Logging;
using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Market.Live;

/// <summary>What one settlement pass did to a sport's index, for the live market grain to retain, publish and report.</summary>
internal sealed record LiveSettlementPass(
    int Closed,
    int Settled,
    IReadOnlyList<LiveVoid> Voided,
    int UnknownScores,
    string? ScoresError,
    IReadOnlyList<string> Problems,
    IReadOnlyList<MatchRecord> Published,
    bool Changed
);

/// <summary>
/// One settlement pass over a sport's live index: the close captured at commence, results from the scores
/// endpoint (asked only when some event awaits one: a scores call costs credits), and what never completes
/// voided with its reason. Each event's grain does the work on its own record; this updates the index.
/// </summary>
internal sealed class LiveSettlement(LiveMarketState index, IGrainFactory grains, string sport, LiveOddsOptions settings, ILogger logger)
{
    public async Task<LiveSettlementPass> RunAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var published = new List<MatchRecord>();
        var closed = 0;
        var changed = false;

        // 1. The close, captured at commence.
        foreach (var e in index.Events.Values.Where(e => e.Status == LiveEventStatus.Upcoming && e.CommenceUtc <= nowUtc).ToList())
        {
            if (await grains.GetGrain<IOddsEventGrain>(e.EventId).CloseAsync(nowUtc) is { } update)
            {
                Apply(update);
                closed++;
            }
        }

        // 2. Results, only when some event awaits one (a scores call costs credits).
        var settled = 0;
        var unknown = 0;
        string? scoresError = null;
        var awaiting = index.Events.Values.Where(e => e.Status == LiveEventStatus.Started).ToList();
        if (awaiting.Count > 0)
        {
            var days = Math.Clamp((int)Math.Ceiling((nowUtc - awaiting.Min(e => e.CommenceUtc)).TotalDays + 1e-9), 1, 3);
            try
            {
                var result = await grains
                    .GetGrain<IApiWorkerGrain>(0)
                    .GetScoresAsync(sport, days, RequestPriority.Normal, cancellationToken);
                index.LastScoresUtc = nowUtc;
                if (index.ScoresError is not null)
                {
                    index.ScoresError = null;
                    changed = true;
                }

                foreach (var score in result.Scores ?? [])
                {
                    if (score?.Id is null || !index.Events.TryGetValue(score.Id, out var e))
                    {
                        unknown++;
                        if (score is { Completed: true })
                        {
                            problems.Add(
                                $"a score for event {score.Id} ({score.HomeTeam} v {score.AwayTeam}) never seen in the odds feed: ignored"
                            );
                        }

                        continue;
                    }

                    if (e.Status != LiveEventStatus.Started || !score.Completed)
                    {
                        continue;
                    }

                    var update = await grains.GetGrain<IOddsEventGrain>(e.EventId).SettleAsync(score, nowUtc);
                    if (update.Problem is { } problem)
                    {
                        problems.Add(problem);
                    }

                    if (update.Summary.Status == LiveEventStatus.Completed)
                    {
                        Apply(update);
                        settled++;
                        index.Settled++;
                    }
                }
            }
            catch (ExternalApiException e)
            {
                // Bets stay open and nothing is lost: the next settlement asks again.
                scoresError = e.Message;
                index.ScoresError = e.Message;
                changed = true;
                LiveMarketLog.ScoresFailed(logger, sport, e.Message);
            }
        }

        // 3. What never completes is voided, with the reason.
        var voided = new List<LiveVoid>();
        foreach (
            var e in index
                .Events.Values.Where(e =>
                    e.Status is LiveEventStatus.Upcoming or LiveEventStatus.Started && e.CommenceUtc + settings.VoidAfter <= nowUtc
                )
                .ToList()
        )
        {
            if (await grains.GetGrain<IOddsEventGrain>(e.EventId).VoidIfOverdueAsync(nowUtc, settings.VoidAfter) is { } update)
            {
                Apply(update);
                index.Voided++;
                if (update.Summary.MatchId is { } matchId)
                {
                    voided.Add(new LiveVoid(matchId, update.Summary.VoidReason ?? "voided"));
                }
            }
        }

        return new LiveSettlementPass(closed, settled, voided, unknown, scoresError, problems, published, changed);

        void Apply(LiveMatchUpdate update)
        {
            index.Events[update.Summary.EventId] = update.Summary;
            changed = true;
            if (update.Match is { } match)
            {
                published.Add(match);
            }
        }
    }
}
