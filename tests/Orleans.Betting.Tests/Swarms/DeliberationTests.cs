using Orleans.Betting.Market;
using Orleans.Betting.Swarms;
using Orleans.Betting.Swarms.Rules;

namespace Orleans.Betting.Tests.Swarms;

/// <summary>The consensus' second round as plain logic: the tally a voter sees, and how it may revise.</summary>
public sealed class DeliberationTests
{
    // Pinnacle opens 2.00 / 3.50 / 4.00: de-margined 0.4828 / 0.2759 / 0.2414.
    private static readonly MatchRecord Match = new(
        "T/1",
        "T",
        "2021-2022",
        new DateTime(2022, 1, 1, 15, 0, 0, DateTimeKind.Utc),
        "A",
        "B",
        null,
        [
            new Quote(PriceSource.Pinnacle, MarketType.MatchOdds, Outcome.Home, double.NaN, Phase.Opening, 2.0),
            new Quote(PriceSource.Pinnacle, MarketType.MatchOdds, Outcome.Draw, double.NaN, Phase.Opening, 3.5),
            new Quote(PriceSource.Pinnacle, MarketType.MatchOdds, Outcome.Away, double.NaN, Phase.Opening, 4.0),
        ]
    );

    private static Vote V(string who, string outcome, double p, double price, double confidence) =>
        new(who, "T/1", Selection.Parse(outcome), p, price, PriceSource.Bet365, price * p - 1, confidence);

    private static readonly Vote[] Round =
    [
        V("s1", "home", 0.55, 2.10, 0.9),
        V("s2", "home", 0.53, 2.05, 0.6),
        V("s3", "away", 0.32, 3.60, 0.8),
        V("s4", "draw", 0.30, 3.40, 0.3),
    ];

    [Fact]
    public void TheTallyRanksSelectionsByScoreWithTheSharpPriceEveryoneHasSeen()
    {
        var tally = Deliberation.Tally(Match, Round, present: 5);
        Assert.Equal(["home", "away", "draw"], tally.Selections.Select(s => s.Selection.Text));
        Assert.Equal([2, 1, 1], tally.Selections.Select(s => s.Voters));
        Assert.Equal(1.5 / 2.6, tally.Selections[0].ScoreShare, 9);
        Assert.Equal(0.8 / 2.6, tally.Selections[1].ScoreShare, 9);
        Assert.Equal((0.155 + 0.0865) / 2, tally.Selections[0].MeanEdge, 9);
        Assert.Equal(0.5 / (0.5 + 1 / 3.5 + 0.25), tally.Selections[0].SharpFair, 9);
        Assert.Equal(0.25 / (0.5 + 1 / 3.5 + 0.25), tally.Selections[1].SharpFair, 9);
        Assert.True(Deliberation.Disputed(tally));
        Assert.StartsWith("home leads: 2 of 5 voter(s), 58", tally.Dissent, StringComparison.Ordinal);
        Assert.Contains("against: away 1 (31", tally.Dissent, StringComparison.Ordinal);
        Assert.Contains("draw 1 (12", tally.Dissent, StringComparison.Ordinal);

        // A vote on another market is no dissent: under 2.5 does not exclude home.
        var otherMarket = V("s6", "under 2.5", 0.6, 1.9, 0.4);
        var mixed = Deliberation.Tally(Match, [Round[0], otherMarket], present: 2);
        Assert.False(Deliberation.Disputed(mixed));
        Assert.Equal([1.0, 1.0], mixed.Selections.Select(s => s.MarketShare));
        Assert.Equal((Round[0], (Revision?)null), Deliberation.Revise(Round[0], mixed, 1));

        var agreed = Deliberation.Tally(Match, [Round[0], Round[1]], present: 2);
        Assert.False(Deliberation.Disputed(agreed));
        Assert.EndsWith("; no dissent", agreed.Dissent, StringComparison.Ordinal);
    }

    [Fact]
    public void ADissenterMovesTowardTheSharpPriceInProportionToTheScoreAgainstIt()
    {
        var tally = Deliberation.Tally(Match, Round, present: 4);
        var fairAway = 0.25 / (0.5 + 1 / 3.5 + 0.25);

        // Away: 69 % of the score against it; half the way (deference 0.5) times that share toward 0.2414.
        var (away, change) = Deliberation.Revise(Round[2], tally, 0.5);
        var moved = 0.5 * (1 - 0.8 / 2.6);
        Assert.Equal(0.32 - moved * (0.32 - fairAway), away!.Probability, 9);
        Assert.Equal(3.6 * away.Probability - 1, away.Edge, 9);
        Assert.Equal(0.0540, away.Edge, 3);
        Assert.Equal(0.8 * away.Edge / 0.10, away.Confidence, 9); // full confidence at 10 %: scaled down with the edge
        Assert.Equal((away.Selection, away.Price, away.Source), (Round[2].Selection, Round[2].Price, Round[2].Source)); // never another price or selection
        Assert.Equal(RevisionAction.Revised, change!.Action);
        Assert.Equal((0.32, away.Probability), (change.FromProbability, change.ToProbability));
        Assert.Contains("69 % of its market's score is against away", change.Reason, StringComparison.Ordinal);

        // Draw at 3.40 has a 2 % edge; 88 % against leaves none: withdrawn, with the figures.
        var (draw, withdrawn) = Deliberation.Revise(Round[3], tally, 0.5);
        Assert.Null(draw);
        Assert.Equal(RevisionAction.Withdrawn, withdrawn!.Action);
        Assert.True(withdrawn.ToEdge <= 0 && withdrawn.FromEdge > 0);
        Assert.Contains("no edge left at 3.40", withdrawn.Reason, StringComparison.Ordinal);

        // The leader moves too, by the 42 % against it: less.
        var (home, _) = Deliberation.Revise(Round[0], tally, 0.5);
        Assert.Equal(0.55 - 0.5 * (1 - 1.5 / 2.6) * (0.55 - 0.5 / (0.5 + 1 / 3.5 + 0.25)), home!.Probability, 9);

        // Deference 0: nobody moves.
        Assert.All(Round, v => Assert.Same(v, Deliberation.Revise(v, tally, 0).Vote));
        Assert.Throws<ArgumentOutOfRangeException>(() => Deliberation.Revise(Round[0], tally, 1.5));
    }

    [Fact]
    public void AVoteIsKeptWhenUnopposedOrWhenTheSharpPriceAgreesOrIsUnknown()
    {
        var unopposed = Deliberation.Tally(Match, [Round[0], Round[1]], present: 2);
        Assert.Equal((Round[0], (Revision?)null), Deliberation.Revise(Round[0], unopposed, 1));

        // The sharp price rates away higher than this voter: the dissent never raises a probability.
        var modest = V("s5", "away", 0.24, 4.4, 0.5);
        var tally = Deliberation.Tally(Match, [Round[0], modest], present: 2);
        Assert.Same(modest, Deliberation.Revise(modest, tally, 1).Vote);

        // No sharp price quoted in full: nothing seen to move toward.
        var bare = Match with
        {
            Quotes = [],
        };
        var blind = Deliberation.Tally(bare, Round, present: 4);
        Assert.All(Round, v => Assert.Same(v, Deliberation.Revise(v, blind, 1).Vote));
    }

    [Fact]
    public void RevisionsNeverRaiseAProbabilityOrPassTheSharpPrice()
    {
        var random = new Random(41);
        var outcomes = new[] { "home", "draw", "away" };
        for (var round = 0; round < 500; round++)
        {
            var votes = Enumerable
                .Range(0, random.Next(2, 7))
                .Select(i =>
                {
                    var p = 0.1 + 0.6 * random.NextDouble();
                    return V($"s{i}", outcomes[random.Next(3)], p, (1 + 0.3 * random.NextDouble()) / p, random.NextDouble());
                })
                .ToArray();
            var tally = Deliberation.Tally(Match, votes, votes.Length);
            var deference = random.NextDouble();
            foreach (var vote in votes)
            {
                var fair = tally.Selections.Single(s => s.Selection == vote.Selection).SharpFair;
                var (kept, change) = Deliberation.Revise(vote, tally, deference);
                var after = kept?.Probability ?? change!.ToProbability;
                Assert.True(after <= vote.Probability + 1e-12, $"{vote} rose to {after}");
                Assert.True(after >= Math.Min(vote.Probability, fair) - 1e-12, $"{vote} passed the sharp {fair}: {after}");
                Assert.Equal(kept is null, change?.Action == RevisionAction.Withdrawn);
            }
        }
    }
}
