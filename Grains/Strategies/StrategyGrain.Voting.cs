using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Swarms;
using Orleans.Betting.Swarms.Rules;

namespace Orleans.Betting.Strategies;

// Votes on upcoming matches: the strategy as validated asked what it would bet, at its decision phase's price.
public sealed partial class StrategyGrain
{
    public async Task<Ballot> VoteAsync(VoteRequest request, CancellationToken cancellationToken = default)
    {
        if (state.State.PausedReason is { } paused)
        {
            return Ballot.Abstain($"paused: {paused}");
        }

        if (state.State.ConsensusWeight <= 0)
        {
            return Ballot.Abstain("consensus weight 0");
        }

        var spec = DefinedSpec();
        var (timeline, index) = await TimelineAsync(
            request.Leagues,
            request.Seasons,
            revalidate: request.Revalidate || time.GetUtcNow().UtcDateTime - versionsCheckedUtc > VoteRevalidation
        );
        if (!request.Revalidate && request.MatchIds.Any(id => !index.ContainsKey(id)))
        {
            // Asked about a match the cached timeline has never seen: the data moved on since it was read.
            (timeline, index) = await TimelineAsync(request.Leagues, request.Seasons, revalidate: true);
        }

        var votes = new List<Vote>();
        var intents = new List<BetIntent>(2);
        // Kept per activation and timeline (the rating features themselves live in the timeline's
        // feature store, computed once for every strategy on the silo that reads it).
        // Only the strategy as validated votes, at its own decision phase: a closing-phase strategy has
        // nothing to say before kick-off (no un-validated "opening twin" speaks for it).
        if (voters is not { } v || !ReferenceEquals(v.Timeline, timeline))
        {
            voters = (timeline, StrategyFactory.Create(spec));
        }

        var strategy = voters.Value.Model;
        foreach (var matchId in request.MatchIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!index.TryGetValue(matchId, out var i))
            {
                continue;
            }

            var kickoff = timeline.Kickoffs[i];
            var decisionTime = timeline.Timing.KnownAt(kickoff, strategy.DecisionPhase);
            if (decisionTime > request.ClockUtc)
            {
                continue; // nothing this strategy needs is known yet
            }

            intents.Clear();
            var view = timeline.ViewAt(decisionTime);
            strategy.Decide(view, i, intents);
            foreach (var intent in intents.Where(x => x.Phase == strategy.DecisionPhase))
            {
                var price = view.Price(i, intent.Source, intent.Market, intent.Outcome, intent.Phase, intent.Line);
                if (price > 1.0)
                {
                    var edge = price * intent.Probability - 1;
                    votes.Add(
                        new Vote(
                            this.GetPrimaryKeyString(),
                            matchId,
                            Selection.Of(intent.Market, intent.Outcome, intent.Line),
                            intent.Probability,
                            price,
                            intent.Source,
                            edge,
                            Math.Clamp(edge / 0.10, 0, 1) * state.State.ConsensusWeight
                        )
                    );
                }
            }
        }

        return new Ballot(votes);
    }

    public Task<DeliberatedBallot> ReviseAsync(DeliberationRequest request)
    {
        var id = this.GetPrimaryKeyString();
        var tallies = request.Tallies.ToDictionary(t => t.MatchId, StringComparer.Ordinal);
        var votes = new List<Vote>();
        var changes = new List<Revision>();
        foreach (var vote in request.Votes.Where(v => v.StrategyId == id))
        {
            if (!tallies.TryGetValue(vote.MatchId, out var tally))
            {
                votes.Add(vote);
                continue;
            }

            var (kept, change) = Deliberation.Revise(vote, tally, request.Deference);
            if (kept is not null)
            {
                votes.Add(kept);
            }

            if (change is not null)
            {
                changes.Add(change);
            }
        }

        return Task.FromResult(new DeliberatedBallot(votes, changes));
    }
}
