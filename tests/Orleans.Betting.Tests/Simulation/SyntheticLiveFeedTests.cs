using Orleans.Betting.Clock;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Market;
using Orleans.Betting.Market.Identity;
using Orleans.Betting.Market.Live;
using Orleans.Betting.Quant;
using Orleans.Betting.Silo.Simulation;

namespace Orleans.Betting.Tests.Simulation;

/// <summary>The simulator's live market continues a synthetic history: same teams, same plant, prices that move to the close, true results.</summary>
public sealed class SyntheticLiveFeedTests
{
    private static readonly SimulationOptions History = new(
        61,
        2,
        ["2018-2019", "2019-2020", "2020-2021"],
        MarketPlant.ValueBook(0.05, 0.2),
        TeamsPerLeague: 10
    );

    private sealed class FixedTime(DateTime now) : TimeProvider
    {
        public DateTime Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => new(Now, TimeSpan.Zero);
    }

    [Fact]
    public void TheLiveSeasonsFollowTheHistoryWithItsTeamsAndPlantAndTheHistoryIsUnchanged()
    {
        var wall = new FixedTime(new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var feed = new SyntheticLiveFeed(History, new MarketTime(wall, new DateTime(2021, 8, 1, 0, 0, 0, DateTimeKind.Utc), wall.Now, 1));
        var history = MarketSimulator.Generate(History);
        var lastHistoryKickoff = history.SelectMany(s => s.Matches).Max(m => m.KickoffUtc);
        Assert.True(feed.LiveStartUtc > lastHistoryKickoff);
        Assert.Equal(["soccer_synthetic_s1", "soccer_synthetic_s2"], feed.SportKeys);

        // The same generator with more seasons: the history's matches (prices and results) are untouched.
        var extended = MarketSimulator.Generate(History with { Seasons = [.. History.Seasons, "2021-2022"] });
        foreach (var season in history)
        {
            var again = extended.Single(s => s.League == season.League && s.Season == season.Season);
            Assert.Equal(
                season.Matches.Select(m => (m.Id, m.Result, m.Quotes.Length)),
                again.Matches.Select(m => (m.Id, m.Result, m.Quotes.Length))
            );
        }

        var live = feed.Matches("S1", feed.LiveStartUtc.AddDays(-1), feed.LiveStartUtc.AddDays(400));
        Assert.Equal(90, live.Count(m => m.Season == "2021-2022")); // 10 teams, double round robin
        Assert.Equal(
            history.Where(s => s.League == "S1").SelectMany(s => s.Matches).Select(m => m.HomeTeam).ToHashSet(),
            live.Select(m => m.HomeTeam).ToHashSet()
        );
        Assert.Contains(live.SelectMany(m => m.Quotes), q => q.Source == PriceSource.ValueBook);
        // Without end: a date years on still lists fixtures.
        Assert.NotEmpty(feed.Matches("S2", feed.LiveStartUtc.AddDays(365 * 3), feed.LiveStartUtc.AddDays(365 * 3 + 14)));
    }

    [Fact]
    public void PricesOpenAtTheOpeningMoveTickByTickAndCloseAtTheCloseAndScoresCompleteWithTheTruth()
    {
        var wall = new FixedTime(new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var feed = new SyntheticLiveFeed(History, new MarketTime(wall, new DateTime(2021, 8, 1, 0, 0, 0, DateTimeKind.Utc), wall.Now, 1));
        var match = feed.Matches("S1", feed.LiveStartUtc.AddDays(-1), feed.LiveStartUtc.AddDays(30)).Skip(7).First();
        double Home(DateTime at, string book = "pinnacle") =>
            feed.Odds(match, at, ["h2h"], ["eu", "uk"])
                .Bookmakers!.Single(b => b.Key == book)
                .Markets[0]
                .Outcomes.Single(o => o.Name == match.HomeTeam)
                .Price;
        double Quote(PriceSource source, Phase phase) =>
            match
                .Quotes.Single(q => q.Source == source && q.Market == MarketType.MatchOdds && q.Outcome == Outcome.Home && q.Phase == phase)
                .Price;

        Assert.Equal(Quote(PriceSource.Pinnacle, Phase.Opening), Home(match.KickoffUtc.AddDays(-3)));
        Assert.Equal(Quote(PriceSource.Pinnacle, Phase.Closing), Home(match.KickoffUtc.AddMinutes(-1)));
        var path = Enumerable.Range(0, 96).Select(i => Home(match.KickoffUtc.AddDays(-2).AddMinutes(30 * i + 1))).ToList();
        Assert.True(path.Distinct().Count() > 20, "prices move tick by tick");
        var (lo, hi) = (
            Math.Min(Quote(PriceSource.Pinnacle, Phase.Opening), Quote(PriceSource.Pinnacle, Phase.Closing)),
            Math.Max(Quote(PriceSource.Pinnacle, Phase.Opening), Quote(PriceSource.Pinnacle, Phase.Closing))
        );
        Assert.All(path, p => Assert.True(p <= hi + 1e-9, $"{p} above the path's ends ({lo}..{hi})"));

        // Spreads carry the home line on the home side and its negation on the away side.
        var spreads = feed.Odds(match, match.KickoffUtc.AddHours(-1), ["spreads"], ["eu"]).Bookmakers!.First().Markets.Single();
        Assert.Equal(-spreads.Outcomes[0].Point!.Value, spreads.Outcomes[1].Point!.Value, 9);

        Assert.False(SyntheticLiveFeed.Score(match, match.KickoffUtc.AddMinutes(90)).Completed);
        var final = SyntheticLiveFeed.Score(match, match.KickoffUtc.AddHours(2));
        Assert.True(final.Completed);
        Assert.Equal(
            (
                match.Result!.HomeGoals.ToString(System.Globalization.CultureInfo.InvariantCulture),
                match.Result.AwayGoals.ToString(System.Globalization.CultureInfo.InvariantCulture)
            ),
            (final.Scores![0].Score, final.Scores[1].Score)
        );
    }

    [Fact]
    public async Task OverHttpTheSyntheticSportsAreServedAndEveryEventMeetsItsHistory()
    {
        var start = new DateTime(2021, 8, 1, 0, 0, 0, DateTimeKind.Utc);
        await using var simulator = await OddsApiSimulator.StartAsync(new SimulatorOptions { ApiKey = "k" });
        var feed = new SyntheticLiveFeed(History, new MarketTime(TimeProvider.System, start, DateTime.UtcNow, 1));
        simulator.Attach(feed);
        simulator.AdvanceClock(feed.LiveStartUtc - start + TimeSpan.FromHours(1)); // an hour after the first kick-off
        using var http = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl) };
        var json = await http.GetStringAsync("v4/sports/soccer_synthetic_s1/odds?apiKey=k&regions=eu,uk&markets=h2h,totals,spreads");
        var events = System.Text.Json.JsonSerializer.Deserialize<List<OddsEvent>>(
            json,
            Refit.SystemTextJsonContentSerializer.GetDefaultJsonSerializerOptions()
        )!;
        Assert.NotEmpty(events);
        var names = MarketSimulator
            .Generate(History)
            .Where(s => s.League == "S1")
            .SelectMany(s => s.Matches)
            .SelectMany(m => new[] { m.HomeTeam, m.AwayTeam });
        var matcher = new TeamNameMatcher("S1", names);
        foreach (var e in events)
        {
            var reading = LiveEventMapper.Read(e, matcher, simulator.SyntheticNow);
            Assert.True(reading.Mapped, string.Join("; ", reading.Problems));
            Assert.Empty(reading.Problems);
            Assert.Equal(6, reading.Quotes.Select(q => q.Bookmaker).Distinct().Count()); // the plant is the value book: no stale soft book
            Assert.Contains(reading.Quotes, q => q is { Bookmaker: "valuebook", Market: MarketType.MatchOdds });
            Assert.Contains(reading.Quotes, q => q.Market == MarketType.AsianHandicap);
        }

        var scores = await http.GetStringAsync("v4/sports/soccer_synthetic_s1/scores?apiKey=k&daysFrom=1");
        Assert.Contains("\"completed\":", scores);
        Assert.Contains("soccer_synthetic_s1", await http.GetStringAsync("v4/sports?apiKey=k"));
    }
}
