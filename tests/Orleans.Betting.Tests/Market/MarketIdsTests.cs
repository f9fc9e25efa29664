using Orleans.Betting.Market;

namespace Orleans.Betting.Tests.Market;

/// <summary>Domain ids are parsed by their own types, once; bad ones are named, never split blindly.</summary>
public sealed class MarketIdsTests
{
    [Fact]
    public void AMatchIdRoundTripsAndKeepsASlashInTheFixture()
    {
        var text = MatchId.Format("E0", "2019-2020", new DateTime(2019, 8, 9, 19, 0, 0, DateTimeKind.Utc), "Liverpool", "Norwich");
        Assert.Equal("E0/2019-2020/2019-08-09/Liverpool-Norwich", text);

        var id = MatchId.Parse(text);
        Assert.Equal(("E0", "2019-2020", new DateOnly(2019, 8, 9), "Liverpool-Norwich"), (id.League, id.Season, id.Date, id.Fixture));
        Assert.Equal(new LeagueSeasonKey("E0", "2019-2020"), id.LeagueSeason);
        Assert.Equal(text, id.ToString());

        Assert.Equal("A/B-C", MatchId.Parse("S1/2015-2016/2015-08-01/A/B-C").Fixture);
    }

    [Theory]
    [InlineData("")]
    [InlineData("E0/2019-2020")]
    [InlineData("E0/2019-2020/09-08-2019/Liverpool-Norwich")]
    [InlineData("/2019-2020/2019-08-09/Liverpool-Norwich")]
    public void ABadMatchIdIsRefusedByName(string text)
    {
        Assert.False(MatchId.TryParse(text, out _));
        Assert.Contains($"'{text}'", Assert.Throws<FormatException>(() => MatchId.Parse(text)).Message);
    }

    [Fact]
    public void ALeagueSeasonKeyHasExactlyTwoParts()
    {
        Assert.Equal(new LeagueSeasonKey("D1", "2020-2021"), LeagueSeasonKey.Parse("D1/2020-2021"));
        Assert.Equal("D1/2020-2021", new LeagueSeasonKey("D1", "2020-2021").ToString());
        foreach (var bad in new[] { "D1", "D1/", "/2020-2021", "D1/2020-2021/x" })
        {
            Assert.False(LeagueSeasonKey.TryParse(bad, out _), bad);
        }
    }
}
