using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Betting.Market;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;
using Orleans.Serialization;

namespace Orleans.Betting.Tests.Market;

/// <summary>
/// The typed contract's values (<see cref="Selection"/>, <see cref="BetKey"/>, <see cref="StrategySpec"/>) read
/// and write their text forms, refuse what is not one, and travel as exactly the bytes of the strings they
/// replaced: a row written before the types existed reads into them, and a row written now reads back as a string.
/// </summary>
public sealed class SelectionTests
{
    [Theory]
    [InlineData("home", MarketType.MatchOdds, Outcome.Home, null)]
    [InlineData("draw", MarketType.MatchOdds, Outcome.Draw, null)]
    [InlineData("over 2.5", MarketType.OverUnder, Outcome.Over, 2.5)]
    [InlineData("under 3.25", MarketType.OverUnder, Outcome.Under, 3.25)]
    [InlineData("ah home -0.75", MarketType.AsianHandicap, Outcome.Home, -0.75)]
    [InlineData("ah away +1.5", MarketType.AsianHandicap, Outcome.Away, 1.5)]
    [InlineData("ah away 0", MarketType.AsianHandicap, Outcome.Away, 0.0)]
    [InlineData("ml away", MarketType.MoneyLine, Outcome.Away, null)]
    public void TextRoundTripsInEveryCulture(string text, MarketType market, Outcome outcome, double? line)
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            // A decimal comma must not leak into the key ("over 2,5" would be another bet, or none).
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.PositiveSign = "plus";
            CultureInfo.CurrentCulture = comma;
            var selection = new Selection(market, outcome, line);
            Assert.Equal(text, selection.Text);
            Assert.Equal(selection, Selection.Parse(text));
            Assert.Equal(selection, Selection.Parse(text.ToUpperInvariant()));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData("corners 9.5")]
    [InlineData("ml draw")]
    [InlineData("over")]
    [InlineData("over two")]
    [InlineData("ah draw 0.5")]
    [InlineData("0")]
    [InlineData("")]
    public void WhatIsNotASelectionIsRefusedByName(string text)
    {
        Assert.False(Selection.TryParse(text, out _));
        var e = Assert.Throws<FormatException>(() => Selection.Parse(text));
        Assert.Contains($"'{text}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASelectionNeedsTheLineItsMarketHasAndNoOther()
    {
        Assert.Throws<ArgumentException>(() => new Selection(MarketType.OverUnder, Outcome.Over));
        Assert.Throws<ArgumentException>(() => new Selection(MarketType.MatchOdds, Outcome.Home, 0.5));
        Assert.Throws<ArgumentException>(() => new Selection(MarketType.MatchOdds, Outcome.Over));
        Assert.Throws<ArgumentException>(() => new Selection(MarketType.AsianHandicap, Outcome.Home, double.NaN));
        // The pricing code's NaN means "no line" where the market has none.
        Assert.Equal(new Selection(MarketType.MatchOdds, Outcome.Home), Selection.Of(MarketType.MatchOdds, Outcome.Home, double.NaN));
        Assert.Equal(double.NaN, Selection.Parse("away").LineOrNaN);
    }

    [Fact]
    public void BetKeysReadTheirFormAndTheFormBacktestsWroteBefore()
    {
        var key = new BetKey("E0/2023-2024/2023-08-12/Arsenal-Forest", Selection.Parse("over 2.5"));
        Assert.Equal("E0/2023-2024/2023-08-12/Arsenal-Forest|over 2.5", key.Text);
        Assert.Equal(key, BetKey.Parse(key.Text));
        Assert.Equal(key, BetKey.Parse("E0/2023-2024/2023-08-12/Arsenal-Forest|OverUnder|Over|2.5"));
        Assert.Equal(new BetKey("X/1", Selection.Parse("home")), BetKey.Parse("X/1|MatchOdds|Home|NaN"));
        Assert.Contains("'nonsense'", Assert.Throws<FormatException>(() => BetKey.Parse("nonsense")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SpecsAreEqualWhenTheirCanonicalTextIs()
    {
        var a = StrategySpec.Parse("baseline:price=bet365-opening,outcome=underdog");
        var b = StrategySpec.Parse("BASELINE: outcome=underdog , price=bet365-opening");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, StrategySpec.Parse("baseline:outcome=home,price=bet365-opening"));
    }

    [Fact]
    public void TheTypedFieldsAreTheBytesOfTheStringsTheyReplaced()
    {
        using var provider = new ServiceCollection()
            .AddSerializer(b => b.AddAssembly(typeof(SelectionTests).Assembly).AddAssembly(typeof(Selection).Assembly))
            .BuildServiceProvider();
        var serializer = provider.GetRequiredService<Serializer>();

        // The same string instance twice: Orleans writes the second as a reference to the first.
        var over = "over 2.5";
        var spec = "baseline:outcome=home,price=pinnacle-closing";
        var old = new RowBefore(over, over, ["X/1|home", "X/2|OverUnder|Over|2.5"], spec, 7, "MarketMax");
        var oldBytes = serializer.SerializeToArray(old);

        var read = serializer.Deserialize<RowNow>(oldBytes)!;
        var expected = Selection.Parse(over);
        Assert.Equal((expected, expected, 7), (read.Selection, read.Again, read.Count));
        Assert.Equal(PriceSource.MarketMax, read.Source?.Value);
        Assert.Equal([new BetKey("X/1", Selection.Parse("home")), new BetKey("X/2", expected)], read.Keys);
        Assert.Equal(StrategySpec.Parse(spec), read.Spec);

        // Written now, the bytes are those of the strings (one selection instance twice: a reference again).
        var now = new RowNow(
            expected,
            expected,
            [new BetKey("X/1", Selection.Parse("home"))],
            StrategySpec.Parse(spec),
            7,
            PriceSource.Bet365
        );
        var nowBytes = serializer.SerializeToArray(now);
        var back = serializer.Deserialize<RowBefore>(nowBytes)!;
        Assert.Equal((over, over, spec, 7, "Bet365"), (back.Outcome, back.Again, back.Spec, back.Count, back.Source));
        Assert.Equal(["X/1|home"], back.Keys);
        Assert.Equal(serializer.SerializeToArray(new RowBefore(over, over, ["X/1|home"], spec, 7, "Bet365")), nowBytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("-1")]
    [InlineData("Pinnacle,Bet365")]
    [InlineData("Bet 365")]
    public void APriceSourceIsReadByNameOnly(string text)
    {
        var e = Assert.Throws<FormatException>(() => QuoteSource.Parse(text));
        Assert.Contains($"'{text}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("MarketMax", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APriceSourceReadsEveryNameItWrites()
    {
        foreach (var source in Enum.GetValues<PriceSource>())
        {
            Assert.Equal(source, QuoteSource.Parse(source.ToString()).Value);
            Assert.Equal(source, QuoteSource.Parse(source.ToString().ToUpperInvariant()).Value);
        }
    }

    [Fact]
    public void JsonCarriesTheText()
    {
        var vote = new Vote("s1", "X/1", Selection.Parse("ah home -0.25"), 0.5, 2.1, PriceSource.Pinnacle, 0.05, 0.5);
        var json = JsonSerializer.Serialize(vote);
        Assert.Contains("\"Selection\":\"ah home -0.25\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Source\":\"Pinnacle\"", json, StringComparison.Ordinal);
        Assert.Equal(vote, JsonSerializer.Deserialize<Vote>(json));
        Assert.Contains(
            "\"Spec\":\"baseline:outcome=home\"",
            JsonSerializer.Serialize(new { Spec = StrategySpec.Parse("baseline:outcome=home") }),
            StringComparison.Ordinal
        );
    }
}

/// <summary>A row as the records were before the types: plain strings.</summary>
[GenerateSerializer]
[Alias("test.SelectionRowBefore")]
public sealed record RowBefore(
    [property: Id(0)] string Outcome,
    [property: Id(1)] string Again,
    [property: Id(2)] string[] Keys,
    [property: Id(3)] string Spec,
    [property: Id(4)] int Count,
    [property: Id(5)] string Source = "Pinnacle"
);

/// <summary>The same row with the fields typed.</summary>
[GenerateSerializer]
[Alias("test.SelectionRowNow")]
public sealed record RowNow(
    [property: Id(0)] Selection Selection,
    [property: Id(1)] Selection Again,
    [property: Id(2)] BetKey[] Keys,
    [property: Id(3)] StrategySpec Spec,
    [property: Id(4)] int Count,
    [property: Id(5)] QuoteSource? Source = null
);
