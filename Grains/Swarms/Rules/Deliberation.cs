using System.Globalization;
using Orleans.Betting.Market;

namespace Orleans.Betting.Swarms.Rules;

/// <summary>
/// The consensus' second round (DESIGN §5). After the first round each voter sees, for every match it voted
/// on, the tally (voters, score share and mean edge per selection) and a dissent summary, and may revise:
/// the share of its market's score behind the outcomes that exclude its own (same market and line; votes
/// on other markets neither back nor oppose it) is evidence its probability is too high, so it moves that
/// probability toward the sharp book's de-margined opening price, in proportion to that share and to the
/// <c>deference</c>. It never moves toward a price it has not seen: the only prices involved are its own
/// and the sharp opening, known before any decision phase; it never switches selection and never raises a
/// probability. A vote left with no edge is withdrawn. The rule then decides on the revised votes.
/// </summary>
public static class Deliberation
{
    /// <summary>A vote's weight in the tally: its confidence, as the rule scores it.</summary>
    public static double Weight(Vote vote) => Math.Max(0.01, vote.Confidence);

    /// <summary>One match's tally of a round's votes, best-scored selection first.</summary>
    public static MatchTally Tally(MatchRecord match, IReadOnlyList<Vote> votes, int present)
    {
        var groups = votes
            .GroupBy(v => v.Selection)
            .Select(g => (Selection: g.Key, Votes: g.ToArray(), Score: g.Sum(Weight)))
            .OrderByDescending(g => g.Score)
            .ThenBy(g => g.Selection.Text, StringComparer.Ordinal)
            .ToArray();
        var total = groups.Sum(g => g.Score);
        var byMarket = groups
            .GroupBy(g => (g.Selection.Market, Line: g.Selection.LineOrNaN))
            .ToDictionary(m => m.Key, m => m.Sum(g => g.Score));
        var selections = groups
            .Select(g => new SelectionTally(
                g.Selection,
                g.Votes.Select(v => v.StrategyId).Distinct().Count(),
                total > 0 ? g.Score / total : 0,
                g.Votes.Average(v => v.Edge),
                PickPricing.SharpFair(match, g.Selection),
                g.Score / byMarket[(g.Selection.Market, g.Selection.LineOrNaN)]
            ))
            .ToList();
        return new MatchTally(match.Id, present, selections, Dissent(selections, present));
    }

    /// <summary>True when some voters back an outcome that excludes another's (same market and line): there is something to deliberate.</summary>
    public static bool Disputed(MatchTally tally) => tally.Selections.Any(s => s.MarketShare < 1);

    /// <summary>The dissent summary a voter reads, e.g. "Home leads: 3 of 5 voter(s), 62 % of the score, mean edge 4.1 %; against: Away 2 (38 %, mean edge 3.0 %)".</summary>
    public static string Dissent(IReadOnlyList<SelectionTally> selections, int present)
    {
        if (selections.Count == 0)
        {
            return "no votes";
        }

        var lead = selections[0];
        var head = string.Create(
            CultureInfo.InvariantCulture,
            $"{lead.Selection} leads: {lead.Voters} of {present} voter(s), {lead.ScoreShare:P0} of the score, mean edge {lead.MeanEdge:P1}"
        );
        if (selections.Count == 1)
        {
            return head + "; no dissent";
        }

        var against = string.Join(
            ", ",
            selections
                .Skip(1)
                .Select(s =>
                    string.Create(CultureInfo.InvariantCulture, $"{s.Selection} {s.Voters} ({s.ScoreShare:P0}, mean edge {s.MeanEdge:P1})")
                )
        );
        return $"{head}; against: {against}";
    }

    /// <summary>
    /// A voter's second-round answer for one vote: the vote it stands by (null when withdrawn) and the
    /// change (null when kept as cast).
    /// </summary>
    public static (Vote? Vote, Revision? Change) Revise(Vote vote, MatchTally tally, double deference)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(deference, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(deference, 1);
        var mine = tally.Selections.FirstOrDefault(s => s.Selection == vote.Selection);
        var against = mine is null ? 1 : 1 - mine.MarketShare; // votes on another market neither back nor oppose it
        var fair = mine?.SharpFair ?? double.NaN;
        if (against <= 1e-12 || double.IsNaN(fair) || fair >= vote.Probability || deference == 0)
        {
            return (vote, null); // unopposed, no sharp price to move toward, or the sharp price already agrees
        }

        var probability = vote.Probability - deference * against * (vote.Probability - fair);
        var edge = vote.Price * probability - 1;
        var why = string.Create(
            CultureInfo.InvariantCulture,
            $"{against:P0} of its market's score is against {vote.Selection} ({tally.Dissent}); moved {deference * against:0.00} of the way from {vote.Probability:0.000} to the sharp {fair:0.000}"
        );
        if (edge <= 0)
        {
            return (
                null,
                new Revision(
                    vote.StrategyId,
                    vote.MatchId,
                    vote.Selection,
                    RevisionAction.Withdrawn,
                    vote.Probability,
                    probability,
                    vote.Edge,
                    edge,
                    string.Create(CultureInfo.InvariantCulture, $"{why}: no edge left at {vote.Price:0.00}")
                )
            );
        }

        var confidence = vote.Edge > 0 ? vote.Confidence * Scale(edge) / Scale(vote.Edge) : vote.Confidence;
        var revised = vote with { Probability = probability, Edge = edge, Confidence = confidence };
        return (
            revised,
            new Revision(
                vote.StrategyId,
                vote.MatchId,
                vote.Selection,
                RevisionAction.Revised,
                vote.Probability,
                probability,
                vote.Edge,
                edge,
                string.Create(CultureInfo.InvariantCulture, $"{why}: edge {vote.Edge:P1} → {edge:P1}")
            )
        );

        // As the strategy scales its confidence from its edge (full at a 10 % edge).
        static double Scale(double e) => Math.Clamp(e / 0.10, 1e-9, 1);
    }
}
