using Orleans.Betting.Quant;

namespace Orleans.Betting.Tests.Quant;

/// <summary>Checked values from the quant reference (agree with an independent implementation).</summary>
public sealed class MarginRemovalTests
{
    public static TheoryData<string, double[], double[], double?> Checked =>
        new()
        {
            { "multiplicative", [2.7, 2.3, 4.4], [0.3587380, 0.4211273, 0.2201347], null },
            { "additive", [2.7, 2.3, 4.4], [0.3595618, 0.4239740, 0.2164642], null },
            { "power", [2.7, 2.3, 4.4], [0.3591711, 0.4237308, 0.2170981], 1.0309132 },
            { "shin", [2.7, 2.3, 4.4], [0.3593439, 0.4232438, 0.2174122], 0.0162364 },
            { "odds-ratio", [2.7, 2.3, 4.4], [0.3588104, 0.4225614, 0.2186282], 1.0511691 },
            { "balanced-book", [2.7, 2.3, 4.4], [0.3599940, 0.4254678, 0.2145381], 0.0162129 },
            { "multiplicative", [2.0, 1.8], [0.4736842, 0.5263158], null },
            { "additive", [2.0, 1.8], [0.4722222, 0.5277778], null },
            { "shin", [2.0, 1.8], [0.4722222, 0.5277778], null },
            { "power", [2.0, 1.8], [0.4714573, 0.5285427], null },
            { "odds-ratio", [2.0, 1.8], [0.4721360, 0.5278640], null },
            { "power", [1.91, 1.91], [0.5, 0.5], 1.0711539 },
            { "shin", [1.91, 1.91], [0.5, 0.5], 0.0471204 },
            { "odds-ratio", [1.91, 1.91], [0.5, 0.5], 1.0989011 },
            { "balanced-book", [1.91, 1.91], [0.5, 0.5], 0.0471204 },
        };

    [Theory]
    [MemberData(nameof(Checked))]
    public void MatchesTheCheckedValues(string method, double[] odds, double[] expected, double? parameter)
    {
        var book = MarginRemoval.Remove(odds, MarginRemoval.Parse(method));
        Assert.Equal(1.0, book.Probabilities.Sum(), 12);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], book.Probabilities[i], 7);
        }

        if (parameter is { } p)
        {
            Assert.Equal(p, book.Parameter!.Value, 7);
        }
    }

    [Fact]
    public void MarginOfTheCheckedBook() => Assert.Equal(0.0324257, OddsMath.Margin([2.7, 2.3, 4.4]), 7);

    [Theory]
    [InlineData(new[] { 1.0, 3.0 }, "greater than 1.0")]
    [InlineData(new[] { double.NaN, 3.0 }, "finite")]
    [InlineData(new[] { 2.5 }, "at least two outcomes")]
    [InlineData(new[] { 3.0, 3.0, 3.5 }, "incomplete")]
    public void RejectsInvalidBooksWithAClearError(double[] odds, string message)
    {
        foreach (var method in Enum.GetValues<MarginMethod>())
        {
            var e = Assert.Throws<QuantException>(() => MarginRemoval.Remove(odds, method));
            Assert.Contains(message, e.Message);
        }
    }

    [Fact]
    public void AdditiveRefusesANegativeLongShotProbability()
    {
        // A heavy margin spread over many outcomes pushes the long shot below zero.
        double[] odds = [1.3, 4, 6, 30, 40, 50];
        var e = Assert.Throws<QuantException>(() => MarginRemoval.Remove(odds, MarginMethod.Additive));
        Assert.Contains("negative probability", e.Message);
        Assert.Equal(1.0, MarginRemoval.Remove(odds, MarginMethod.Shin).Probabilities.Sum(), 12);
    }

    [Fact]
    public void ConvertsBetweenFormats()
    {
        Assert.Equal(3.5, OddsMath.FromFractional("5/2"));
        Assert.Equal(2.0, OddsMath.FromFractional("evens"));
        Assert.Equal("5/2", OddsMath.ToFractional(3.5));
        Assert.Equal(2.5, OddsMath.FromAmerican(150));
        Assert.Equal(1.5, OddsMath.FromAmerican(-200));
        Assert.Equal(150, OddsMath.ToAmerican(2.5), 9);
        Assert.Equal(-200, OddsMath.ToAmerican(1.5), 9);
        Assert.Equal(0.4, OddsMath.ImpliedProbability(2.5), 12);
        Assert.Throws<QuantException>(() => OddsMath.FromAmerican(50));
        Assert.Throws<QuantException>(() => OddsMath.FromFractional("two to one"));
    }
}
