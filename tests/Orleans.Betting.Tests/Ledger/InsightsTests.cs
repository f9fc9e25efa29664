using System.Text.Json;
using Orleans.Betting.Agents;
using Orleans.Betting.Ledger;
using Orleans.Betting.Market;

namespace Orleans.Betting.Tests.Ledger;

/// <summary>The PerformanceAnalyst's explanations: breakdowns with CLV attribution and calibration, figure by figure.</summary>
public sealed class InsightsTests
{
    private static readonly DateTime Kickoff = new(2024, 3, 9, 15, 0, 0, DateTimeKind.Utc);

    private static PaperBet Bet(
        string id,
        string league,
        string selection,
        double price,
        double stake,
        BetStatus status,
        double? p,
        string? tier,
        string[] strategies,
        double? closeFair = null,
        string? book = null
    ) =>
        new(
            id,
            $"{league}/{id}",
            league,
            "2023-2024",
            Kickoff,
            id,
            Selection.Parse(selection),
            price,
            PriceSource.Bet365,
            stake,
            Kickoff.AddHours(-2),
            1,
            status,
            status switch
            {
                BetStatus.Won => stake * (price - 1),
                BetStatus.Lost => -stake,
                BetStatus.HalfWon => stake * (price - 1) / 2,
                BetStatus.HalfLost => -stake / 2,
                _ => 0,
            },
            Strategies: strategies,
            ClosingFairProbability: closeFair,
            Bookmaker: book,
            Probability: p,
            Tier: tier
        );

    private static readonly PaperBet[] Bets =
    [
        Bet("a", "E0", "home", 2.0, 10, BetStatus.Won, 0.55, "A", ["s1", "s2"], closeFair: 0.52, book: "pinnacle"),
        Bet("b", "E0", "over 2.5", 1.8, 20, BetStatus.Lost, 0.60, "B", ["s1"], closeFair: 0.58),
        Bet("c", "D1", "away", 4.0, 5, BetStatus.Won, 0.30, "A", ["s2"]),
        Bet("d", "D1", "ah home -0.25", 1.9, 10, BetStatus.HalfLost, 0.55, "C", ["s2"]),
        Bet("e", "D1", "home", 2.5, 8, BetStatus.Lost, null, null, ["s3"]),
        Bet("f", "E0", "draw", 3.4, 6, BetStatus.Open, 0.31, "B", ["s1"]),
    ];

    [Fact]
    public void BreakdownsAddUpAndAttributeProfitToTheCloseAndToLuck()
    {
        var insights = Insights.Compute(Bets, "test market");
        Assert.Equal((5, 1, 1), (insights.Settled, insights.Open, insights.WithoutProbability));
        Assert.Equal(InsightsNames.Dimensions.Order(), insights.Breakdowns.Keys.Order());

        var leagues = insights.Breakdowns["league"];
        var e0 = leagues.Single(r => r.Key == "E0");
        Assert.Equal((2, 1.0, 30.0, -10.0), (e0.Bets, e0.Won, e0.Staked, e0.Profit));
        Assert.Equal(-10.0 / 30, e0.Roi, 6);
        // CLV: a 2.0 × 0.52 − 1 = +4 %, b 1.8 × 0.58 − 1 = +4.4 %; the close was worth 10·0.04 + 20·0.044 = 1.28.
        Assert.Equal((0.04 + 0.044) / 2, e0.MeanClv!.Value, 6);
        Assert.Equal((2, 1.28, -11.28), (e0.ClvBets, e0.ExpectedFromClv, e0.Variance));
        var d1 = leagues.Single(r => r.Key == "D1");
        Assert.Equal((3, 23.0, 15.0 - 5 - 8), (d1.Bets, d1.Staked, d1.Profit));
        Assert.Null(d1.MeanClv);

        // Every dimension splits the same settled bets (a bet backed by two strategies counts for each).
        foreach (var dimension in new[] { "league", "market", "oddsBand", "tier", "bookmaker" })
        {
            Assert.Equal(5, insights.Breakdowns[dimension].Sum(r => r.Bets));
            Assert.Equal(10 - 20 + 15 - 5 - 8, insights.Breakdowns[dimension].Sum(r => r.Profit), 6);
        }

        Assert.Equal(["1.50-1.99", "2.00-2.99", "3.00-4.99"], insights.Breakdowns["oddsBand"].Select(r => r.Key));
        Assert.Equal(3, insights.Breakdowns["strategy"].Single(r => r.Key == "s2").Bets);
        Assert.Equal(
            (1, 0.0, -5.0),
            insights.Breakdowns["market"].Single(r => r.Key == "AsianHandicap") is var ah ? (ah.Bets, ah.Won, ah.Profit) : default
        );
        Assert.Equal("-", insights.Breakdowns["tier"].Single(r => r.Bets == 1 && r.Profit == -8).Key);
        Assert.Contains(insights.Breakdowns["bookmaker"], r => r.Key == "pinnacle" && r.Bets == 1);
    }

    [Fact]
    public void CalibrationScoresTheDecidedBetsOfEachStrategyAndTheConsensus()
    {
        var insights = Insights.Compute(Bets);
        // Decided with a probability: a (won, .55), b (lost, .60), c (won, .30). d is a half result, e has none, f is open.
        var consensus = insights.Calibration.Single(c => c.Strategy == InsightsNames.Consensus);
        Assert.Equal(3, consensus.Bets);
        Assert.Equal((0.45 * 0.45 + 0.60 * 0.60 + 0.70 * 0.70) / 3, consensus.Brier, 6);
        Assert.Equal(-(Math.Log(0.55) + Math.Log(0.40) + Math.Log(0.30)) / 3, consensus.LogLoss, 6);
        Assert.Equal(
            [(0.3, 1, 0.30, 1.0), (0.5, 1, 0.55, 1.0), (0.6, 1, 0.60, 0.0)],
            consensus.Bins.Select(b => (Math.Round(b.From, 1), b.Bets, b.MeanProbability, b.WinRate))
        );

        var s1 = insights.Calibration.Single(c => c.Strategy == "s1");
        Assert.Equal((2, (0.45 * 0.45 + 0.36) / 2), (s1.Bets, Math.Round(s1.Brier, 6)));
        Assert.Equal(["consensus", "s1", "s2"], insights.Calibration.Select(c => c.Strategy));
    }

    [Fact]
    public void TheJsonHasTheShapeTheClientPromises()
    {
        var json = JsonSerializer.SerializeToElement(Insights.Compute(Bets), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var breakdowns = json.GetProperty("breakdowns");
        foreach (var dimension in new[] { "league", "market", "oddsBand", "tier", "bookmaker", "strategy" })
        {
            Assert.Equal(JsonValueKind.Array, breakdowns.GetProperty(dimension).ValueKind);
        }

        var first = json.GetProperty("calibration")[0];
        foreach (var field in new[] { "strategy", "bets", "brier", "logLoss", "bins" })
        {
            Assert.True(first.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public void HeadlinesNameWhereTheProfitCameFromAndWhatPartsFromItsResults()
    {
        // s1: 40 bets at evens predicted at 60 %, won 12 (30 %): overconfident by 3.9 standard errors, and the worst.
        // s2: 40 bets at evens predicted at 52 %, won 22: within two standard errors, and the best.
        var bets = Enumerable
            .Range(0, 40)
            .Select(i => Bet($"x{i}", "E0", "home", 2.0, 10, i < 12 ? BetStatus.Won : BetStatus.Lost, 0.60, "B", ["s1"], closeFair: 0.5))
            .Concat(
                Enumerable
                    .Range(0, 40)
                    .Select(i => Bet($"y{i}", "D1", "away", 2.0, 10, i < 22 ? BetStatus.Won : BetStatus.Lost, 0.52, "B", ["s2"]))
            )
            .ToArray();
        var lines = Insights.Headlines(Insights.Compute(bets), minBets: 30);
        Assert.Equal("profit -120.00 over 80 settled bet(s): 0.00 from prices against the close, -120.00 from results", lines[0]);
        Assert.Equal("best strategy s2: 40 bets, ROI 10.0%, mean CLV -", lines[1].Replace(" %", "%", StringComparison.Ordinal));
        Assert.StartsWith("worst strategy s1: 40 bets, ROI -40.0", lines[2], StringComparison.Ordinal);
        var overconfident = Assert.Single(lines, l => l.StartsWith("s1 is overconfident: predicts 60", StringComparison.Ordinal));
        // The consensus (every bet) predicted 56 % and won 42.5 %: 2.4 standard errors; s2 alone is within 2.
        Assert.Contains(lines, l => l.StartsWith("consensus is overconfident", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("s2 is", StringComparison.Ordinal));
        Assert.Contains("3.9 standard errors", overconfident, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("weakest odds band 2.00-2.99", StringComparison.Ordinal));

        // Per strategy, 40 bets is below a minimum of 41: the strategies are not named; the whole ledger's groups still are.
        Assert.DoesNotContain(Insights.Headlines(Insights.Compute(bets), minBets: 41), l => l.Contains("s1", StringComparison.Ordinal));
        Assert.Empty(Insights.Headlines(Insights.Compute([]), minBets: 1));
    }
}

/// <summary>The analyst's insights through the real grains equal the pure computation over the ledger's bets.</summary>
[Collection(ClusterCollection.Name)]
public sealed class InsightsGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task TheAnalystExplainsTheLedgerItReads()
    {
        var ledger = fixture.Grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper);
        var analyst = fixture.Grains.GetGrain<IPerformanceAnalystAgent>(AgentNames.PerformanceAnalyst);
        var insights = await analyst.InsightsAsync();
        var expected = Insights.Compute(await ledger.GetBetsAsync());
        Assert.Equal(expected.Settled, insights.Settled);
        Assert.Equal(expected.Open, insights.Open);
        Assert.Equal(JsonSerializer.Serialize(expected.Breakdowns), JsonSerializer.Serialize(insights.Breakdowns));
        Assert.Contains("synthetic market", insights.Market, StringComparison.Ordinal);
    }
}
