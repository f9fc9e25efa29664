using Orleans.Betting.Market;

namespace Orleans.Betting.Swarms.Rules;

/// <summary>
/// How one match's votes become a pick (DESIGN §5): the rule (majority, unanimous, quorum, weighted) decides
/// whether there is one; conflicting votes are resolved by weighted score; the pick trades one validated
/// strategy's own vote (<see cref="PickPricing"/>) and gets a confidence tier A/B/C.
/// </summary>
public static class ConsensusDecision
{
    /// <summary>Applies the rule to one match's votes; null when the rule does not produce a pick.</summary>
    public static Pick? Decide(
        MatchRecord match,
        IReadOnlyList<Vote> votes,
        int present,
        int electorate,
        int absent,
        ConsensusRule rule,
        double quorum
    )
    {
        // Strategies that voted on this match, by outcome; weight = confidence (edge scaled by track record).
        var byOutcome = votes
            .GroupBy(v => v.Selection)
            .Select(g => (Selection: g.Key, Votes: g.ToArray(), Score: g.Sum(Deliberation.Weight)))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Selection.Text, StringComparer.Ordinal)
            .ToArray();
        var voters = votes.Select(v => v.StrategyId).Distinct().Count();
        var top = byOutcome[0];
        var topVoters = top.Votes.Select(v => v.StrategyId).Distinct().Count();
        var totalScore = byOutcome.Sum(x => x.Score);
        var chosen = rule switch
        {
            ConsensusRule.Unanimous => byOutcome.Length == 1 && topVoters == present,
            ConsensusRule.Majority => topVoters * 2 > present,
            ConsensusRule.Quorum => present >= Math.Ceiling(quorum * electorate) && topVoters * 2 > voters,
            _ => top.Score / totalScore > 0.5, // weighted: conflicting votes resolved by weighted score
        };
        if (!chosen)
        {
            return null;
        }

        // One validated strategy's own price and probability (shrunk toward the sharp fair price): what trades is what was validated.
        var best = PickPricing.Anchor(top.Votes);
        var probability = PickPricing.Probability(match, best);
        var edge = best.Price * probability - 1;
        if (edge <= 0)
        {
            return null;
        }

        var agreement = (double)topVoters / Math.Max(1, present);
        var tier =
            agreement >= 0.6 && edge >= 0.05 ? "A"
            : agreement >= 0.3 && edge >= 0.03 ? "B"
            : "C";
        return new Pick(
            match.Id,
            match.KickoffUtc,
            top.Selection,
            best.Price,
            best.Source,
            probability,
            edge,
            tier,
            0,
            topVoters,
            voters - topVoters,
            absent,
            top.Score / totalScore,
            top.Votes.Select(v => v.StrategyId).Distinct().Order(StringComparer.Ordinal).ToList()
        );
    }
}
