using System.Diagnostics;
using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms.Rules;

namespace Orleans.Betting.Swarms;

/// <summary>
/// Consensus swarm (DESIGN §5): every deployed strategy votes on every upcoming match within a
/// deadline; a slow or failing voter is recorded as absent and never blocks. Votes become picks by
/// the chosen rule (majority, unanimous, quorum, weighted by track record), on the second round's votes when
/// the request deliberates (<see cref="Deliberation"/>: voters see the tally and dissent and may revise, a
/// voter silent in the second round keeps its first-round votes); conflicting votes are
/// resolved by weighted score; a pick trades one validated strategy's own vote (<see cref="PickPricing"/>),
/// gets a confidence tier A/B/C and a quarter-Kelly stake under exposure caps.
/// </summary>
public sealed class ConsensusSwarmGrain(IGrainFactory grains) : Grain, IConsensusSwarmGrain
{
    private static readonly StakeLimits Caps = new(
        MaxBetFraction: 0.02,
        MaxMatchFraction: 0.03,
        MaxDayFraction: 0.10,
        MaxOpenFraction: 0.25
    );

    public async Task<ConsensusResult> RunAsync(ConsensusRequest request, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var upcoming = await UpcomingAsync(request);
        var matchIds = upcoming.Select(m => m.Id).ToArray();
        var voteRequest = new VoteRequest(request.Leagues, request.Seasons, request.ClockUtc, matchIds, request.FreshData);

        var absent = new List<string>();
        var deadline = TimeSpan.FromMilliseconds(Math.Max(0, request.DeadlineMs));
        var ballots = await Task.WhenAll(
            request.StrategyIds.Select(async id =>
                (
                    Id: id,
                    Ballot: await WithinAsync(
                        grains.GetGrain<IStrategyGrain>(id).VoteAsync(voteRequest, cancellationToken),
                        deadline,
                        cancellationToken
                    )
                )
            )
        );

        foreach (var ballot in ballots.Where(b => b.Ballot is null))
        {
            absent.Add(ballot.Id);
        }

        // Abstainers (paused strategies) are no voters at all: not present, not in the electorate.
        var abstaining = ballots.Count(b => b.Ballot?.Abstains is not null);
        var electorate = request.StrategyIds.Count - abstaining;
        var present = ballots.Count(b => b.Ballot is { Abstains: null });
        var byVoter = ballots
            .Where(b => b.Ballot is { Abstains: null })
            .ToDictionary(b => b.Id, b => b.Ballot!.Votes, StringComparer.Ordinal);

        var rounds = 1;
        List<Revision>? revisions = null;
        List<string>? silent = null;
        if (request.Deliberate)
        {
            var matches = upcoming.ToDictionary(m => m.Id, StringComparer.Ordinal);
            var disputed = byVoter
                .Values.SelectMany(v => v)
                .GroupBy(v => v.MatchId)
                .Select(g => Deliberation.Tally(matches[g.Key], g.ToArray(), present))
                .Where(Deliberation.Disputed)
                .ToDictionary(t => t.MatchId, StringComparer.Ordinal);
            rounds = 2;
            revisions = [];
            silent = [];
            var asked = byVoter.Where(b => b.Value.Any(v => disputed.ContainsKey(v.MatchId))).ToArray();
            var answers = await Task.WhenAll(
                asked.Select(async b =>
                {
                    var tallies = b.Value.Select(v => v.MatchId).Distinct().Where(disputed.ContainsKey).Select(m => disputed[m]).ToList();
                    var call = grains
                        .GetGrain<IStrategyGrain>(b.Key)
                        .ReviseAsync(new DeliberationRequest(b.Value, tallies, request.Deference));
                    return (Id: b.Key, Answer: await WithinAsync(call, deadline, cancellationToken));
                })
            );
            foreach (var (id, answer) in answers)
            {
                if (answer is null)
                {
                    silent.Add(id); // its first-round votes stand
                    continue;
                }

                byVoter[id] = answer.Votes;
                revisions.AddRange(answer.Revisions);
            }

            revisions = [.. revisions.OrderBy(r => r.MatchId, StringComparer.Ordinal).ThenBy(r => r.StrategyId, StringComparer.Ordinal)];
            silent.Sort(StringComparer.Ordinal);
        }

        var votesByMatch = byVoter
            .Values.SelectMany(v => v)
            .GroupBy(v => v.MatchId)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

        var picks = new List<Pick>();
        var bankroll = request.Bankroll;
        var open = request.OpenExposure;
        var dayExposure = new Dictionary<DateTime, double>();
        foreach (var match in upcoming)
        {
            if (!votesByMatch.TryGetValue(match.Id, out var votes) || votes.Length == 0)
            {
                continue;
            }

            var pick = ConsensusDecision.Decide(match, votes, present, electorate, absent.Count, request.Rule, request.Quorum);
            if (pick is null)
            {
                continue;
            }

            var day = match.KickoffUtc.Date;
            var stake = StakeSizer.Size(
                StakingPlan.Parse("kelly:0.25"),
                Caps,
                bankroll,
                pick.Price,
                pick.Probability,
                0,
                dayExposure.GetValueOrDefault(day),
                open
            );
            dayExposure[day] = dayExposure.GetValueOrDefault(day) + stake;
            open += stake;
            picks.Add(pick with { Stake = Math.Round(stake, 2) });
        }

        Monitoring.BettingMetrics.Picks.Add(picks.Count);
        return new ConsensusResult(
            request.ClockUtc,
            upcoming.Count,
            electorate,
            absent,
            picks,
            clock.Elapsed.TotalMilliseconds,
            rounds,
            revisions,
            silent
        );
    }

    /// <summary>A voter's answer within the deadline; null when slow or failing (absent, never blocking).</summary>
    private static async Task<T?> WithinAsync<T>(Task<T> call, TimeSpan deadline, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await call.WaitAsync(deadline, cancellationToken);
        }
        catch (TimeoutException)
        {
            _ = call.ContinueWith(t => _ = t.Exception, TaskScheduler.Default); // a late voter is absent; observe its outcome
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failing voter is absent, like a slow one.
        }

        return null;
    }

    private async Task<List<MatchRecord>> UpcomingAsync(ConsensusRequest request)
    {
        var seasons = await Task.WhenAll(
            request.Leagues.SelectMany(l => request.Seasons.Select(s => grains.LeagueSeason(l, s).GetAsync()))
        );
        var until = request.ClockUtc.AddDays(request.HorizonDays);
        return seasons
            .SelectMany(s => s.Matches)
            .Where(m => m.KickoffUtc > request.ClockUtc && m.KickoffUtc <= until)
            .OrderBy(m => m.KickoffUtc)
            .ThenBy(m => m.Id, StringComparer.Ordinal)
            .ToList();
    }
}
