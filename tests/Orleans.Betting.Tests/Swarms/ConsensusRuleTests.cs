using Orleans.Betting.Market;
using Orleans.Betting.Swarms;
using Orleans.Betting.Swarms.Rules;

namespace Orleans.Betting.Tests.Swarms;

public sealed class ConsensusRuleTests
{
    private static readonly MatchRecord Match = new(
        "T/1",
        "T",
        "2021-2022",
        new DateTime(2022, 1, 1, 15, 0, 0, DateTimeKind.Utc),
        "A",
        "B",
        null,
        []
    );

    private static Vote V(string who, string outcome, double p, double price, double confidence = 0.5) =>
        new(who, "T/1", Selection.Parse(outcome), p, price, PriceSource.Bet365, price * p - 1, confidence);

    [Fact]
    public void RulesDecideDifferently()
    {
        Vote[] split = [V("s1", "home", 0.55, 2.0), V("s2", "home", 0.54, 2.0), V("s3", "away", 0.35, 3.2, confidence: 0.9)];
        // Majority: 2 of 3 present voters back home.
        Assert.Equal("home", ConsensusDecision.Decide(Match, split, 3, 3, 0, ConsensusRule.Majority, 0.5)!.Selection.Text);
        // Unanimous: they disagree.
        Assert.Null(ConsensusDecision.Decide(Match, split, 3, 3, 0, ConsensusRule.Unanimous, 0.5));
        // Weighted: home 1.0 vs away 0.9 of 1.9 → home with a 53 % score.
        var weighted = ConsensusDecision.Decide(Match, split, 3, 3, 0, ConsensusRule.Weighted, 0.5)!;
        Assert.Equal("home", weighted.Selection.Text);
        Assert.Equal(1.0 / 1.9, weighted.Score, 9);
        // Quorum 0.8 of 5 deployed needs 4 present; only 3 voted.
        Assert.Null(ConsensusDecision.Decide(Match, split, 3, 5, 2, ConsensusRule.Quorum, 0.8));
        Assert.NotNull(ConsensusDecision.Decide(Match, split, 3, 5, 2, ConsensusRule.Quorum, 0.6));
    }

    [Fact]
    public void TiersFollowAgreementAndEdge()
    {
        Vote[] strong = [V("s1", "home", 0.6, 2.0), V("s2", "home", 0.6, 2.05)];
        var pick = ConsensusDecision.Decide(Match, strong, 2, 2, 0, ConsensusRule.Unanimous, 0.5)!;
        Assert.Equal(("A", 2.05, 2, 0), (pick.Tier, pick.Price, pick.VotesFor, pick.VotesAgainst));
        var weak = ConsensusDecision.Decide(Match, [V("s1", "home", 0.51, 2.0)], 5, 5, 0, ConsensusRule.Weighted, 0.5)!;
        Assert.Equal("C", weak.Tier);
        Assert.Null(ConsensusDecision.Decide(Match, [V("s1", "home", 0.45, 2.0)], 1, 1, 0, ConsensusRule.Weighted, 0.5)); // no edge, no pick
    }
}
