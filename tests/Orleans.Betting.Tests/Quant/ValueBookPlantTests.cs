using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Tests.Quant;

/// <summary>The sized plant: exactly the stated expected value, on the stated share, and a like-for-like control.</summary>
public sealed class ValueBookPlantTests
{
    private static readonly string[] Seasons = ["2018-2019", "2019-2020", "2020-2021"];

    [Theory]
    [InlineData(0.02, 0.15, 21)]
    [InlineData(0.06, 0.30, 22)]
    public void OnTheSeededShareTheValueBookOffersExactlyTheEdgeAndNowhereElseAnyValue(double edge, double share, int seed)
    {
        var truth = new Dictionary<string, MarketSimulator.MarketProbabilities>();
        var seasons = MarketSimulator.Generate(
            new SimulationOptions(seed, 2, Seasons, MarketPlant.ValueBook(edge, share)),
            (id, t) => truth[id] = t
        );
        var matches = seasons.SelectMany(s => s.Matches).ToArray();
        var planted = 0;
        foreach (var m in matches)
        {
            var t = truth[m.Id];
            var valueQuotes = m
                .Quotes.Where(q => q.Source == PriceSource.ValueBook && q.Market == MarketType.MatchOdds)
                .Select(q => (q.Phase, q.Outcome, Ev: q.Price * t.X12[(int)q.Outcome] - 1))
                .ToArray();
            Assert.InRange(valueQuotes.Length, 4, 6); // the book quotes 1X2 at both phases (a price under 1.01 is not quoted)
            var above = valueQuotes.Where(q => q.Ev > 1e-9).ToArray();
            if (above.Length == 0)
            {
                continue;
            }

            planted++;
            // One outcome, the same at opening and closing, at the plant's expected value (prices have 3 decimals).
            Assert.Equal(2, above.Length);
            Assert.Single(above.Select(q => q.Outcome).Distinct());
            Assert.All(above, q => Assert.InRange(q.Ev, edge - 0.0006, edge + 0.0006));
            // Every other book stays at or below fair value (the aggregates include the planted price by construction).
            Assert.DoesNotContain(
                m.Quotes,
                q =>
                    q.Source is not (PriceSource.ValueBook or PriceSource.MarketMax or PriceSource.MarketAvg)
                    && q.Market == MarketType.MatchOdds
                    && q.Price * t.X12[(int)q.Outcome] > 1 + 1e-9
            );
        }

        // The share is a seeded Bernoulli draw per match: within four standard errors of the stated share.
        var sd = Math.Sqrt(share * (1 - share) / matches.Length);
        Assert.InRange(planted / (double)matches.Length, share - 4 * sd, share + 4 * sd);
    }

    [Fact]
    public void TheControlHasTheSameBookPricedLikeTheOthersAndDiffersFromThePlantOnlyInThePlantedPrices()
    {
        var control = MarketSimulator.Generate(new SimulationOptions(9, 1, Seasons, MarketPlant.None)).SelectMany(s => s.Matches).ToArray();
        var plant = MarketSimulator
            .Generate(new SimulationOptions(9, 1, Seasons, MarketPlant.ValueBook(0.04, 0.15)))
            .SelectMany(s => s.Matches)
            .ToArray();
        Assert.Equal(control.Length, plant.Length);
        var differing = 0;
        for (var i = 0; i < control.Length; i++)
        {
            Assert.Equal(control[i].Id, plant[i].Id);
            Assert.Equal(control[i].Result, plant[i].Result);
            Assert.Contains(control[i].Quotes, q => q.Source == PriceSource.ValueBook);
            var changed = control[i].Quotes.Zip(plant[i].Quotes).Where(p => p.First != p.Second).ToArray();
            Assert.All(
                changed,
                p => Assert.True(p.Second.Source is PriceSource.ValueBook or PriceSource.MarketMax or PriceSource.MarketAvg)
            );
            Assert.All(changed, p => Assert.Equal(MarketType.MatchOdds, p.Second.Market));
            differing += changed.Length > 0 ? 1 : 0;
        }

        Assert.InRange(differing / (double)control.Length, 0.10, 0.20);
    }

    [Theory]
    [InlineData("none", "none")]
    [InlineData("stale-book", "stale-book")]
    [InlineData("value-book", "value-book:edge=0.04,share=0.15")]
    [InlineData("value-book:edge=0.02,share=0.3", "value-book:edge=0.02,share=0.3")]
    [InlineData(" Value-Book:share=0.5 ", "value-book:edge=0.04,share=0.5")]
    public void PlantsParseAndPrintTheirSize(string text, string printed) => Assert.Equal(printed, MarketPlant.Parse(text).ToString());

    [Theory]
    [InlineData("value-book:edge=2", "edge 2 must be in [0, 1] (0 is the fair-value control)")]
    [InlineData("value-book:share=0", "share 0 must be in (0, 1]")]
    [InlineData("value-book:edge", "'edge' is not name=number")]
    [InlineData("value-book:size=0.1", "unknown parameter 'size'")]
    [InlineData("stale-book:edge=0.1", "expected none, stale-book or value-book")]
    public void ABadPlantNamesWhatIsWrong(string text, string message) =>
        Assert.Contains(message, Assert.Throws<QuantException>(() => MarketPlant.Parse(text)).Message);
}
