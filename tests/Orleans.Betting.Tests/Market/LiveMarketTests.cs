using System.Text.Json;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Market;
using Orleans.Betting.Market.Identity;
using Orleans.Betting.Market.Live;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Tests.Market;

/// <summary>
/// Live odds into the market store: captured-shape v4 responses (a soccer league and a two-way
/// sport) read with every event, bookmaker and price, teams met in the shared football-data
/// history, and each kind of bad input reported while the rest goes through.
/// </summary>
public sealed class LiveMarketTests
{
    internal static readonly DateTime Now = new(2026, 12, 5, 9, 0, 0, DateTimeKind.Utc);

    // The shape of GET /v4/sports/soccer_epl/odds?regions=uk,eu&markets=h2h,totals,spreads (ids and prices as captured; h2h_lay from the exchange).
    internal const string EplOdds = """
        [
          {"id":"0a1b2c3d4e5f60718293a4b5c6d7e8f9","sport_key":"soccer_epl","sport_title":"EPL","commence_time":"2026-12-06T15:00:00Z",
           "home_team":"Manchester United","away_team":"Nottingham Forest",
           "bookmakers":[
             {"key":"pinnacle","title":"Pinnacle","last_update":"2026-12-05T08:58:10Z","markets":[
               {"key":"h2h","last_update":"2026-12-05T08:58:10Z","outcomes":[{"name":"Manchester United","price":1.72},{"name":"Nottingham Forest","price":5.1},{"name":"Draw","price":4.05}]},
               {"key":"totals","last_update":"2026-12-05T08:58:10Z","outcomes":[{"name":"Over","price":1.83,"point":2.75},{"name":"Under","price":2.07,"point":2.75}]},
               {"key":"spreads","last_update":"2026-12-05T08:58:10Z","outcomes":[{"name":"Manchester United","price":1.95,"point":-0.75},{"name":"Nottingham Forest","price":1.95,"point":0.75}]}]},
             {"key":"williamhill","title":"William Hill","last_update":"2026-12-05T08:55:00Z","markets":[
               {"key":"h2h","outcomes":[{"name":"Manchester United","price":1.7},{"name":"Nottingham Forest","price":4.8},{"name":"Draw","price":3.9}]},
               {"key":"totals","outcomes":[{"name":"Over","price":1.8,"point":2.5},{"name":"Under","price":2.0,"point":2.5}]}]},
             {"key":"betfair_ex_uk","title":"Betfair","last_update":"2026-12-05T08:59:30Z","markets":[
               {"key":"h2h","last_update":"2026-12-05T08:59:30Z","outcomes":[{"name":"Manchester United","price":1.75},{"name":"Nottingham Forest","price":5.3},{"name":"Draw","price":4.2}]},
               {"key":"h2h_lay","last_update":"2026-12-05T08:59:30Z","outcomes":[{"name":"Manchester United","price":1.77},{"name":"Nottingham Forest","price":5.5},{"name":"Draw","price":4.3}]}]}
           ]},
          {"id":"1b2c3d4e5f60718293a4b5c6d7e8f90a","sport_key":"soccer_epl","sport_title":"EPL","commence_time":"2026-12-06T17:30:00Z",
           "home_team":"Brighton and Hove Albion","away_team":"Wolverhampton Wanderers",
           "bookmakers":[
             {"key":"marathonbet","title":"Marathon Bet","last_update":"2026-12-05T08:57:00Z","markets":[
               {"key":"h2h","outcomes":[{"name":"Brighton and Hove Albion","price":2.0},{"name":"Wolverhampton Wanderers","price":3.8},{"name":"Draw","price":3.6}]}]},
             {"key":"pinnacle","title":"Pinnacle","last_update":"2026-12-05T08:58:40Z","markets":[
               {"key":"h2h","outcomes":[{"name":"Brighton and Hove Albion","price":2.02},{"name":"Wolverhampton Wanderers","price":3.9},{"name":"Draw","price":3.55}]},
               {"key":"outrights","outcomes":[{"name":"Brighton and Hove Albion","price":40.0}]}]}
           ]}
        ]
        """;

    // GET /v4/sports/basketball_nba/odds?regions=us&markets=h2h,spreads,totals: h2h without a draw, spreads and totals with points.
    private const string NbaOdds = """
        [
          {"id":"9f8e7d6c5b4a39281706f5e4d3c2b1a0","sport_key":"basketball_nba","sport_title":"NBA","commence_time":"2026-12-06T00:10:00Z",
           "home_team":"Boston Celtics","away_team":"Los Angeles Lakers",
           "bookmakers":[
             {"key":"draftkings","title":"DraftKings","last_update":"2026-12-05T08:50:00Z","markets":[
               {"key":"h2h","outcomes":[{"name":"Boston Celtics","price":1.44},{"name":"Los Angeles Lakers","price":2.9}]},
               {"key":"spreads","outcomes":[{"name":"Boston Celtics","price":1.91,"point":-7.5},{"name":"Los Angeles Lakers","price":1.91,"point":7.5}]},
               {"key":"totals","outcomes":[{"name":"Over","price":1.91,"point":229.5},{"name":"Under","price":1.91,"point":229.5}]}]},
             {"key":"fanduel","title":"FanDuel","last_update":"2026-12-05T08:51:00Z","markets":[
               {"key":"h2h","outcomes":[{"name":"Boston Celtics","price":1.42},{"name":"Los Angeles Lakers","price":3.0}]}]}
           ]}
        ]
        """;

    private static readonly Lazy<TeamNameMatcher> E0 = new(() => new TeamNameMatcher("E0", History("E0")));

    private static IReadOnlyList<string> History(string league) => FootballDataHistory.TeamNames(league);

    /// <summary>Deserialised as the Refit client does it.</summary>
    internal static List<OddsEvent> Parse(string json) =>
        JsonSerializer.Deserialize<List<OddsEvent>>(json, Refit.SystemTextJsonContentSerializer.GetDefaultJsonSerializerOptions())!;

    [Fact]
    public void ASoccerResponseIsReadWithEveryBookmakerAndPriceAndTeamsMeetTheirHistory()
    {
        var events = Parse(EplOdds);
        var readings = events.Select(e => LiveEventMapper.Read(e, E0.Value, Now)).ToList();

        var united = readings[0];
        Assert.Equal(("E0", "Man United", "Nott'm Forest"), (united.League, united.Home!.HistoryName, united.Away!.HistoryName));
        Assert.True(united.Mapped);
        Assert.False(united.TwoWay);
        // Pinnacle 3 + 2 + 2, William Hill 3 + 2, the exchange's back side 3; its lay side is counted, never a back price.
        Assert.Equal(15, united.Quotes.Count);
        Assert.Equal(3, united.Skipped.LayQuotes);
        Assert.Empty(united.Problems);
        Assert.Equal(
            [(Outcome.Home, 1.72), (Outcome.Away, 5.1), (Outcome.Draw, 4.05)],
            united.Quotes.Where(q => q.Bookmaker == "pinnacle" && q.Market == MarketType.MatchOdds).Select(q => (q.Outcome, q.Price))
        );
        Assert.Equal(3, united.Quotes.Count(q => q.Bookmaker == "betfair_ex_uk" && q.Market == MarketType.MatchOdds));
        Assert.DoesNotContain(united.Quotes, q => q.Bookmaker == "betfair_ex_uk" && q.Price is 1.77 or 5.5 or 4.3);
        // Spreads: the home line on both sides (the away outcome's +0.75 is the home −0.75).
        Assert.All(united.Quotes.Where(q => q.Market == MarketType.AsianHandicap), q => Assert.Equal(-0.75, q.Line));
        Assert.Equal([2.75, 2.75, 2.5, 2.5], united.Quotes.Where(q => q.Market == MarketType.OverUnder).Select(q => q.Line));
        // A market without its own last_update is dated by the bookmaker's.
        Assert.All(
            united.Quotes.Where(q => q.Bookmaker == "williamhill"),
            q => Assert.Equal(new DateTime(2026, 12, 5, 8, 55, 0, DateTimeKind.Utc), q.AtUtc)
        );

        var brighton = readings[1];
        Assert.Equal(("Brighton", "Wolves"), (brighton.Home!.HistoryName, brighton.Away!.HistoryName));
        Assert.Equal(6, brighton.Quotes.Count);
        Assert.Equal(1, brighton.Skipped.UnmodelledQuotes); // outrights
    }

    [Fact]
    public void ATwoWaySportIsFirstClassMoneyLineSpreadsAndTotalsTrackedNotTraded()
    {
        var reading = LiveEventMapper.Read(Parse(NbaOdds).Single(), null, Now);
        Assert.True(reading.TwoWay);
        Assert.Null(reading.League);
        Assert.False(reading.Mapped);
        Assert.Contains("basketball_nba", reading.Problems.Single());
        Assert.Equal(8, reading.Quotes.Count);
        Assert.Equal(4, reading.Quotes.Count(q => q.Market == MarketType.MoneyLine));
        Assert.DoesNotContain(reading.Quotes, q => q.Market == MarketType.MatchOdds || q.Outcome == Outcome.Draw);
        Assert.All(reading.Quotes.Where(q => q.Market == MarketType.AsianHandicap), q => Assert.Equal(-7.5, q.Line));
        Assert.All(reading.Quotes.Where(q => q.Market == MarketType.OverUnder), q => Assert.Equal(229.5, q.Line));

        // The money line settles two ways; a tie returns the stake.
        Assert.Equal(0.44, Settlement.UnitReturn(MarketType.MoneyLine, Outcome.Home, double.NaN, 1.44, 110, 101), 9);
        Assert.Equal(-1, Settlement.UnitReturn(MarketType.MoneyLine, Outcome.Away, double.NaN, 2.9, 110, 101));
        Assert.Equal(0, Settlement.UnitReturn(MarketType.MoneyLine, Outcome.Home, double.NaN, 1.44, 20, 20));
        // Basketball's spread: Celtics −7.5 win by 9 covers.
        Assert.Equal(0.91, Settlement.UnitReturn(MarketType.AsianHandicap, Outcome.Home, -7.5, 1.91, 110, 101), 9);
    }

    [Fact]
    public void AnUnknownSportKeyIsReportedAndTrackedNotTraded()
    {
        var e = Parse(EplOdds)[0] with { SportKey = "soccer_narnia_premier" };
        var reading = LiveEventMapper.Read(e, E0.Value, Now);
        Assert.Null(reading.League);
        Assert.False(reading.Mapped);
        Assert.Contains("sport 'soccer_narnia_premier' has no league history", reading.Problems.Single());
        Assert.Equal(15, reading.Quotes.Count); // its prices are still read
    }

    [Fact]
    public void ATeamThatCannotBeMappedIsReportedWithCandidatesNotGuessed()
    {
        var e = Parse(EplOdds)[0] with { AwayTeam = "Atlantis Rovers" };
        var reading = LiveEventMapper.Read(e, E0.Value, Now);
        Assert.False(reading.Mapped);
        Assert.Equal(TeamMatchKind.Unmapped, reading.Away!.Kind);
        var problem = Assert.Single(reading.Problems, p => p.Contains("team 'Atlantis Rovers'"));
        Assert.Contains("is not in E0's history (closest:", problem);
        // The outcomes named for the unknown away team no longer name a side: counted, the rest read.
        Assert.Equal(4, reading.Skipped.UnknownOutcomes); // three h2h, one spread

        var record = new LiveEventRecord();
        LiveEventBook.Observe(record, reading, Now, TimeSpan.FromHours(6));
        Assert.False(record.Mapped);
        Assert.Throws<InvalidOperationException>(() => LiveEventBook.ToMatch(record));
    }

    [Fact]
    public void BadPricesAreNamedByBookmakerMarketAndOutcomeAndTheRestGoesThrough()
    {
        var e = Parse(EplOdds)[0];
        var pinnacle = e.Bookmakers![0];
        var h2h = pinnacle.Markets[0];
        var bad = pinnacle with
        {
            Markets =
            [
                h2h with
                {
                    Outcomes =
                    [
                        new OddsOutcome("Manchester United", 1.0, null),
                        new OddsOutcome("Nottingham Forest", double.NaN, null),
                        new OddsOutcome("Draw", double.PositiveInfinity, null),
                    ],
                },
                pinnacle.Markets[1] with
                {
                    Outcomes = [new OddsOutcome("Over", 0.95, 2.75), new OddsOutcome("Under", -110, 2.75)],
                },
                pinnacle.Markets[2],
            ],
        };
        var reading = LiveEventMapper.Read(e with { Bookmakers = [bad, .. e.Bookmakers.Skip(1)] }, E0.Value, Now);
        Assert.Equal(5, reading.Skipped.BadPrices);
        Assert.Equal(10, reading.Quotes.Count); // William Hill 5, the exchange 3, Pinnacle's spreads 2
        Assert.Contains(
            reading.Problems,
            p => p.Contains("bookmaker pinnacle, market h2h, outcome 'Nottingham Forest': price NaN is not a decimal price above 1")
        );
        Assert.Contains(reading.Problems, p => p.Contains("outcome 'Draw': price ∞") || p.Contains("outcome 'Draw': price Infinity"));
        Assert.Contains(reading.Problems, p => p.Contains("market totals, outcome 'Under': price -110"));
        Assert.All(reading.Quotes, q => Assert.True(q.Price > 1 && double.IsFinite(q.Price)));
    }

    [Fact]
    public void AResponseWithoutABookmakersArrayIsReportedNotACrash()
    {
        var e = Parse(
                """[{"id":"ab","sport_key":"soccer_epl","commence_time":"2026-12-06T15:00:00Z","home_team":"Arsenal","away_team":"Chelsea"}]"""
            )
            .Single();
        var reading = LiveEventMapper.Read(e, E0.Value, Now);
        Assert.True(reading.Skipped.NoBookmakers);
        Assert.Empty(reading.Quotes);
        Assert.Contains("no bookmakers array", reading.Problems.Single());
        Assert.True(reading.Mapped); // the fixture itself is known and tracked

        var record = new LiveEventRecord();
        Assert.Equal(0, LiveEventBook.Observe(record, reading, Now, TimeSpan.FromHours(6)));
        Assert.Equal("E0/2026-2027/2026-12-06/Arsenal-Chelsea", record.MatchId);
    }

    [Fact]
    public void DuplicateEventsAndLateSnapshotsNeverRollAPriceBack()
    {
        var e = Parse(EplOdds)[0];
        var newer = LiveEventMapper.Read(e, E0.Value, Now);
        var older = LiveEventMapper.Read(
            e with
            {
                Bookmakers = e.Bookmakers!.Select(b =>
                        b with
                        {
                            LastUpdate = b.LastUpdate.AddMinutes(-30),
                            Markets = b
                                .Markets.Select(m =>
                                    m with
                                    {
                                        LastUpdate = m.LastUpdate?.AddMinutes(-30),
                                        Outcomes = m.Outcomes.Select(o => o with { Price = o.Price + 0.5 }).ToList(),
                                    }
                                )
                                .ToList(),
                        }
                    )
                    .ToList(),
            },
            E0.Value,
            Now
        );

        var record = new LiveEventRecord();
        Assert.Equal(15, LiveEventBook.Observe(record, newer, Now, TimeSpan.FromHours(6)));
        // The same event again in the same response, and an older copy: nothing changes.
        Assert.Equal(0, LiveEventBook.Observe(record, newer, Now, TimeSpan.FromHours(6)));
        Assert.Equal(0, LiveEventBook.Observe(record, older, Now, TimeSpan.FromHours(6)));
        Assert.Equal(15, record.Latest.Count);
        Assert.Equal(
            1.72,
            record.Latest.Single(q => q is { Bookmaker: "pinnacle", Market: MarketType.MatchOdds, Outcome: Outcome.Home }).Price
        );
    }

    [Fact]
    public void AnEventThatMovesItsCommenceTimeKeepsItsIdentityAndAPostponementReopensIt()
    {
        var e = Parse(EplOdds)[0];
        var record = new LiveEventRecord();
        LiveEventBook.Observe(record, LiveEventMapper.Read(e, E0.Value, Now), Now, TimeSpan.FromHours(6));
        var id = record.MatchId;
        Assert.Equal("E0/2026-2027/2026-12-06/Man United-Nott'm Forest", id);

        // Kick-off passes: the close is captured and the event has started...
        var kickoff = e.CommenceTime;
        Assert.True(LiveEventBook.CaptureClose(record, kickoff.AddMinutes(1)));
        Assert.Equal(LiveEventStatus.Started, record.Status);
        Assert.NotNull(record.Closing);

        // ...then the feed says it moved to the next day: same identity, open again, no close.
        var moved = e with
        {
            CommenceTime = kickoff.AddDays(1),
        };
        LiveEventBook.Observe(
            record,
            LiveEventMapper.Read(moved, E0.Value, kickoff.AddMinutes(5)),
            kickoff.AddMinutes(5),
            TimeSpan.FromHours(6)
        );
        Assert.Equal((id, 1, LiveEventStatus.Upcoming), (record.MatchId, record.CommenceMoves, record.Status));
        Assert.Null(record.Closing);
        Assert.Equal(kickoff.AddDays(1), LiveEventBook.ToMatch(record).KickoffUtc);
    }

    [Fact]
    public void TheDecisionSnapshotFreezesAtTheLeadTheCloseAtCommenceAndScoresSettle()
    {
        var e = Parse(EplOdds)[0];
        var kickoff = e.CommenceTime;
        var lead = TimeSpan.FromHours(6);
        var record = new LiveEventRecord();
        LiveEventBook.Observe(record, LiveEventMapper.Read(e, E0.Value, Now), Now, lead);

        // Pinnacle's home price shortens after the decision time: the snapshot keeps what was known at the lead.
        OddsEvent Shortened(double price, DateTime at) =>
            e with
            {
                Bookmakers =
                [
                    e.Bookmakers![0] with
                    {
                        LastUpdate = at,
                        Markets =
                        [
                            e.Bookmakers[0].Markets[0] with
                            {
                                LastUpdate = at,
                                Outcomes =
                                [
                                    new("Manchester United", price, null),
                                    new("Nottingham Forest", 5.4, null),
                                    new("Draw", 4.1, null),
                                ],
                            },
                        ],
                    },
                ],
            };

        var beforeLead = kickoff - lead - TimeSpan.FromMinutes(10);
        LiveEventBook.Observe(record, LiveEventMapper.Read(Shortened(1.68, beforeLead), E0.Value, beforeLead), beforeLead, lead);
        var afterLead = kickoff - TimeSpan.FromMinutes(5);
        LiveEventBook.Observe(record, LiveEventMapper.Read(Shortened(1.6, afterLead), E0.Value, afterLead), afterLead, lead);
        // In-play prices (after commence) are never taken.
        LiveEventBook.Observe(
            record,
            LiveEventMapper.Read(Shortened(1.2, kickoff.AddMinutes(20)), E0.Value, kickoff.AddMinutes(20)),
            kickoff.AddMinutes(20),
            lead
        );
        Assert.True(LiveEventBook.CaptureClose(record, kickoff.AddMinutes(21)));
        Assert.False(LiveEventBook.CaptureClose(record, kickoff.AddMinutes(22))); // once

        var match = LiveEventBook.ToMatch(record);
        double Price(PriceSource s, Phase p, Outcome o) =>
            match.Quotes.Single(q => q.Source == s && q.Phase == p && q.Market == MarketType.MatchOdds && q.Outcome == o).Price;
        Assert.Equal(1.68, Price(PriceSource.Pinnacle, Phase.Opening, Outcome.Home));
        Assert.Equal(1.6, Price(PriceSource.Pinnacle, Phase.Closing, Outcome.Home));
        Assert.Equal(1.75, Price(PriceSource.MarketMax, Phase.Closing, Outcome.Home)); // the exchange's back price
        Assert.Equal(Math.Round((1.6 + 1.7 + 1.75) / 3, 4), Price(PriceSource.MarketAvg, Phase.Closing, Outcome.Home));
        Assert.Equal(1.75, Price(PriceSource.BetfairExchange, Phase.Closing, Outcome.Home));
        Assert.Null(match.Result);

        // The market maximum names the bookmaker and the time of its quote.
        var offer = LiveEventBook.Offer(record.Decision, PriceSource.MarketMax, MarketType.MatchOdds, Outcome.Away, double.NaN)!;
        Assert.Equal(("pinnacle", 5.4, beforeLead), (offer.Bookmaker, offer.Price, offer.AtUtc));

        // A score that is not finished leaves it open; a malformed one says why; a completed one settles it.
        ScoreEvent Score(bool completed, string home, string away) =>
            new(
                e.Id,
                e.SportKey,
                kickoff,
                completed,
                e.HomeTeam,
                e.AwayTeam,
                [new(e.HomeTeam, home), new(e.AwayTeam, away)],
                kickoff.AddHours(2)
            );
        Assert.Null(LiveEventBook.Settle(record, Score(false, "1", "0"), kickoff.AddHours(1)));
        Assert.Equal(LiveEventStatus.Started, record.Status);
        Assert.Contains(
            "do not give both teams a whole number",
            LiveEventBook.Settle(record, Score(true, "2", "one"), kickoff.AddHours(2))
        );
        Assert.Equal(LiveEventStatus.Started, record.Status);
        Assert.Null(LiveEventBook.Settle(record, Score(true, "2", "1"), kickoff.AddHours(2)));
        Assert.Equal((LiveEventStatus.Completed, new MatchResult(2, 1, null, null)), (record.Status, record.Result));
        Assert.Equal(new MatchResult(2, 1, null, null), LiveEventBook.ToMatch(record).Result);
        Assert.False(LiveEventBook.VoidIfOverdue(record, kickoff.AddDays(5), TimeSpan.FromHours(48)));
    }

    [Fact]
    public void AnEventThatNeverCompletesIsVoidedAfterTheConfiguredTimeWithItsReason()
    {
        var e = Parse(EplOdds)[0];
        var record = new LiveEventRecord();
        LiveEventBook.Observe(record, LiveEventMapper.Read(e, E0.Value, Now), Now, TimeSpan.FromHours(6));
        Assert.False(LiveEventBook.VoidIfOverdue(record, e.CommenceTime.AddHours(47), TimeSpan.FromHours(48)));
        Assert.True(LiveEventBook.VoidIfOverdue(record, e.CommenceTime.AddHours(49), TimeSpan.FromHours(48)));
        Assert.Equal(LiveEventStatus.Voided, record.Status);
        Assert.StartsWith("no completed score 48 h after kick-off", record.VoidReason);
        Assert.NotNull(record.Closing);
    }
}
