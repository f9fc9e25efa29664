using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Swarms.Rules;

namespace Orleans.Betting.Tests.Agents;

/// <summary>Learning across cycles which families pay, and sharing a search's ideas by it.</summary>
public sealed class FamilyFocusTests
{
    private static readonly string[] Families = ["elo", "poisson", "sharp-value", "form"];

    [Fact]
    public void AFamilyThatPaysInTrainingGetsMoreOfTheNextSearchAndTheRestKeepBeingTried()
    {
        var evidence = new Dictionary<string, FamilyEvidence>
        {
            ["elo"] = new("elo", 60, 2, 0, null),
            ["poisson"] = new("poisson", 60, 3, 0, null),
            ["sharp-value"] = new("sharp-value", 60, 36, 0, null),
            // "form" has never been tried: its posterior is wide, so its draws vary.
        };
        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var seed = 0; seed < 200; seed++)
        {
            var (weights, reasons) = FamilyFocus.Decide(Families, evidence, new Random(seed));
            Assert.Equal(1.0, weights.Values.Sum(), 9);
            Assert.All(weights.Values, w => Assert.True(w >= 0.5 / Families.Length - 1e-12)); // never starved
            Assert.Equal(4, reasons.Count);
            foreach (var (f, w) in weights)
            {
                shares[f] = shares.GetValueOrDefault(f) + w / 200;
            }
        }

        // On average: the family paying 60 % of its trials leads, the two paying 3–5 % trail, and the untried one (a
        // uniform prior, mean 50 %) comes close behind the leader: what is unknown keeps being explored.
        Assert.True(shares["sharp-value"] > 0.33, $"{shares["sharp-value"]}");
        Assert.True(shares["elo"] < 0.2 && shares["poisson"] < 0.2);
        Assert.True(shares["form"] > shares["elo"] && shares["form"] < shares["sharp-value"]);

        // The same seed gives the same focus, and the reasons say why.
        var (a, why) = FamilyFocus.Decide(Families, evidence, new Random(7));
        var (b, _) = FamilyFocus.Decide(Families, evidence, new Random(7));
        Assert.Equal(a, b);
        Assert.Contains(
            why,
            r =>
                r.StartsWith("sharp-value ", StringComparison.Ordinal)
                && r.Contains("36 of 60 trials paid in training (posterior mean 60 %", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void TheDeployedStrategiesLiveClvScalesTheirFamily()
    {
        var even = new Dictionary<string, FamilyEvidence>
        {
            ["elo"] = new("elo", 40, 10, 50, 0.03), // beats the close by 3 %: ×1.5
            ["poisson"] = new("poisson", 40, 10, 50, -0.03), // loses 3 % to it: ×0.5
            ["sharp-value"] = new("sharp-value", 40, 10, 10, 0.05), // 10 live bets: too few to count
            ["form"] = new("form", 40, 10, 0, null),
        };
        double Mean(string f) => Enumerable.Range(0, 300).Average(s => FamilyFocus.Decide(Families, even, new Random(s)).Weights[f]);
        Assert.True(Mean("elo") > Mean("form") * 1.2);
        Assert.True(Mean("poisson") < Mean("form") * 0.8);
        Assert.Contains(
            "live CLV 3.0 % over 50 bets ×1.50",
            FamilyFocus.Decide(Families, even, new Random(1)).Reasons.Single(r => r.StartsWith("elo", StringComparison.Ordinal)),
            StringComparison.Ordinal
        );
        Assert.Equal("consensus-value", FamilyFocus.FamilyOf("consensus-value-08a7af343715"));
    }

    [Fact]
    public void IdeasAreSharedInWholeCountsAtLeastOneEach()
    {
        var shares = FamilyShares.Allocate(
            Families,
            new Dictionary<string, double>
            {
                ["elo"] = 0.7,
                ["poisson"] = 0.1,
                ["sharp-value"] = 0.1,
                ["form"] = 0.1,
            },
            20
        );
        Assert.Equal(20, shares.Values.Sum());
        // One each first, then 16 by weight: 11.2, 1.6, 1.6, 1.6 → 11, 2, 2, 1 by largest remainder (ties to the earlier).
        Assert.Equal([12, 3, 3, 2], Families.Select(f => shares[f]));
        Assert.Equal([5, 5, 5, 5], Families.Select(f => FamilyShares.Allocate(Families, null, 20)[f]));
        Assert.Equal(2, FamilyShares.Allocate(Families, null, 2).Values.Sum()); // fewer than the families: as many as asked
        var random = new Random(3);
        var drawn = Enumerable
            .Range(0, 2000)
            .Select(_ => FamilyShares.Draw(Families, new Dictionary<string, double> { ["elo"] = 3, ["form"] = 1 }, random))
            .ToList();
        Assert.InRange(drawn.Count(f => f == "elo") / 2000.0, 0.70, 0.80);
        Assert.DoesNotContain("poisson", drawn);
    }
}
