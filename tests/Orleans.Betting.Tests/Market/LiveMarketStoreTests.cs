using Orleans.Betting.ExternalApis;
using Orleans.Betting.Market;
using Orleans.Betting.Silo.Simulation;

namespace Orleans.Betting.Tests.Market;

/// <summary>
/// The live market store through the real path: the simulator's v4 responses over loopback HTTP,
/// the worker pool and bucket, the sport's live market grain and its event grains, teams met in
/// the shared E0 history, decision snapshots published to the league-season store, offers named
/// by bookmaker, settlement from /scores (with an outage), all on SQLite.
/// </summary>
public sealed class LiveMarketStoreTests
{
    private static async Task ImportE0Async(IGrainFactory grains)
    {
        foreach (
            var file in Directory.GetFiles(Path.Combine(RepoPaths.SharedData, "data", "football-data", "E0"), "*.csv").Order().TakeLast(3)
        )
        {
            var report = await grains
                .GetGrain<IMarketImportGrain>(0)
                .ImportCsvAsync(Path.GetFileName(file), await File.ReadAllBytesAsync(file));
            Assert.True(report.RowsImported > 300, $"{file}: {report.RowsImported} rows");
        }
    }

    [Fact]
    public async Task LiveEventsMeetTheirHistoryAreDecidedOnTheLatestPricesAndSettleFromScores()
    {
        await using var env = await SimulatedApiCluster.StartAsync(
            "live-store",
            new SimulatorOptions { Seed = 5 },
            silos: 1,
            configuration: new Dictionary<string, string?>
            {
                ["Betting:Apis:odds:TokensPerSecond"] = "20",
                ["Betting:LiveOdds:DecisionLeadHours"] = "48,1",
                ["Betting:LiveOdds:MaxQuoteAgeMinutes"] = "10",
            }
        );
        await ImportE0Async(env.Grains);
        var sim = env.Simulator;
        var store = env.Grains.GetGrain<ILiveMarketGrain>("soccer_epl");
        var pool = env.Grains.GetGrain<IApiWorkerGrain>(0);
        async Task<LiveIngestReport> PollAsync()
        {
            var odds = await pool.GetOddsAsync(new OddsQuery("soccer_epl", "uk,eu", "h2h,totals"), RequestPriority.High);
            return await store.IngestAsync(odds.Events, sim.Now);
        }

        var first = await PollAsync();
        Assert.Equal((12, 12), (first.Events, first.Mapped)); // every simulated EPL name meets E0's history
        Assert.Equal(12 * 6 * 5, first.PriceChanges);
        var status = await store.GetStatusAsync();
        Assert.Equal(("E0", 12, 12), (status.League, status.Events, status.Mapped));
        Assert.Empty(status.Unmapped);

        // Every event is inside its 48 h lead: all are due, decided on the latest prices and published.
        var batch = await store.DecideAsync(sim.Now);
        Assert.Equal(12, batch.Due.Count);
        // Not yet acknowledged (a taker that failed before saving them): the same decisions again, none new.
        Assert.Equal(batch.Due, (await store.DecideAsync(sim.Now)).Due);
        await store.AcknowledgeAsync(batch.Due);
        Assert.Empty((await store.DecideAsync(sim.Now)).Due); // once per lead, once kept
        var d = batch.Due[^1]; // the furthest: three hours off
        var season = await env.Grains.GetGrain<ILeagueSeasonGrain>(new LeagueSeasonKey(d.League, d.Season).ToString()).GetAsync();
        Assert.Equal("live", season.Source);
        var match = season.Matches.Single(m => m.Id == d.MatchId);
        var k = sim.Market.Upcoming(sim.Now).First(k => sim.Market.EventId(0, k) == d.EventId);
        var (providerHome, _) = sim.Market.Teams(0, k);
        Assert.Equal(sim.Market.Kickoff(k), match.KickoffUtc);
        Assert.Null(match.Result);
        Assert.Contains(match.Quotes, q => q is { Source: PriceSource.Pinnacle, Phase: Phase.Opening, Market: MarketType.MatchOdds });
        Assert.Contains(match.Quotes, q => q is { Source: PriceSource.BetfairExchange, Phase: Phase.Opening });
        Assert.DoesNotContain(match.Quotes, q => q.Phase == Phase.Closing); // the close is captured at commence
        var ours = await env.Grains.GetGrain<IOddsEventGrain>(d.EventId).GetAsync();
        Assert.Equal(providerHome, ours!.HomeTeam);

        // The market maximum names the bookmaker and the quote's time; a stale quote and a kicked-off event are refused.
        var offer = await store.OfferAsync(d.MatchId, PriceSource.MarketMax, new Selection(MarketType.MatchOdds, Outcome.Home), sim.Now);
        Assert.NotNull(offer.Quote);
        Assert.Equal(
            match
                .Quotes.Single(q =>
                    q is { Source: PriceSource.MarketMax, Phase: Phase.Opening, Market: MarketType.MatchOdds, Outcome: Outcome.Home }
                )
                .Price,
            offer.Quote!.Price
        );
        Assert.True(sim.Now - offer.Quote.AtUtc <= TimeSpan.FromMinutes(2));
        var stale = await store.OfferAsync(
            d.MatchId,
            PriceSource.Pinnacle,
            new Selection(MarketType.MatchOdds, Outcome.Home),
            sim.Now.AddMinutes(30)
        );
        Assert.Contains("stale", stale.Refusal);
        var late = await store.OfferAsync(
            d.MatchId,
            PriceSource.Pinnacle,
            new Selection(MarketType.MatchOdds, Outcome.Home),
            d.CommenceUtc
        );
        Assert.Contains("no bet after commence", late.Refusal);
        Assert.Contains(
            "not a live",
            (
                await store.OfferAsync(
                    "E0/2026-2027/2026-01-01/A-B",
                    PriceSource.Pinnacle,
                    new Selection(MarketType.MatchOdds, Outcome.Home),
                    sim.Now
                )
            ).Refusal
        );

        // Four hours on: the early events kicked off (closes captured) and finished. A /scores outage first:
        // nothing settles, nothing is lost, the error is on the status.
        sim.AdvanceClock(TimeSpan.FromHours(4));
        await PollAsync();
        sim.InjectFault(SimulatorFaultKind.Http500, TimeSpan.FromMinutes(10));
        var outage = await store.SettleAsync(sim.Now);
        Assert.Equal(0, outage.Settled);
        Assert.NotNull(outage.ScoresError);
        Assert.True(outage.Closed > 0);
        Assert.Equal(outage.Closed, outage.Awaiting);
        Assert.NotNull((await store.GetStatusAsync()).ScoresError);

        sim.ClearFaults();
        var settled = await store.SettleAsync(sim.Now);
        Assert.Null(settled.ScoresError);
        var finished = batch.Due.Where(x => x.CommenceUtc + TimeSpan.FromHours(2) <= sim.Now).ToList();
        Assert.Equal(finished.Count, settled.Settled);
        Assert.True(settled.UnknownScores > 0); // the scores list events that kicked off before the first poll
        Assert.Contains(settled.Problems, p => p.Contains("never seen in the odds feed: ignored"));
        Assert.Null((await store.GetStatusAsync()).ScoresError);

        // Each settled result is the simulator's true score; the close is in the store.
        var after = await env.Grains.GetGrain<ILeagueSeasonGrain>(new LeagueSeasonKey(d.League, d.Season).ToString()).GetAsync();
        foreach (var f in finished)
        {
            var kk = sim.Market.Recent(sim.Now, TimeSpan.FromDays(1)).First(x => sim.Market.EventId(0, x) == f.EventId);
            var truth = sim.Market.Score(0, kk, sim.Now);
            var m = after.Matches.Single(x => x.Id == f.MatchId);
            Assert.Equal(
                (
                    int.Parse(truth.Scores![0].Score, System.Globalization.CultureInfo.InvariantCulture),
                    int.Parse(truth.Scores[1].Score, System.Globalization.CultureInfo.InvariantCulture)
                ),
                (m.Result!.HomeGoals, m.Result.AwayGoals)
            );
            Assert.Contains(m.Quotes, q => q is { Source: PriceSource.Pinnacle, Phase: Phase.Closing });
        }

        var end = await store.GetStatusAsync();
        Assert.Equal(finished.Count, end.Settled);
        Assert.True(end.Events >= 12);
    }

    /// <summary>
    /// Two events of the feed with the same teams on the same date (a provider listing a fixture twice,
    /// or the simulator's dense schedule) are two matches: the second gets an id of its own, is
    /// reported, and each is decided, offered and published on its own prices.
    /// </summary>
    [Fact]
    public async Task TwoEventsWithTheSameTeamsOnOneDateAreTwoMatches()
    {
        await using var env = await SimulatedApiCluster.StartAsync(
            "live-twins",
            new SimulatorOptions { Seed = 5 },
            silos: 1,
            configuration: new Dictionary<string, string?>
            {
                ["Betting:LiveOdds:DecisionLeadHours"] = "48,1",
                ["Betting:LiveOdds:MaxQuoteAgeMinutes"] = "30",
            }
        );
        await ImportE0Async(env.Grains);
        var first = LiveMarketTests.Parse(LiveMarketTests.EplOdds)[0];
        var twin = first with
        {
            Id = "ffff" + first.Id[4..],
            CommenceTime = first.CommenceTime.AddHours(4.75),
            Bookmakers = first
                .Bookmakers!.Select(b =>
                    b with
                    {
                        Markets = b
                            .Markets.Select(m => m with { Outcomes = m.Outcomes.Select(o => o with { Price = o.Price + 0.2 }).ToList() })
                            .ToList(),
                    }
                )
                .ToList(),
        };
        var store = env.Grains.GetGrain<ILiveMarketGrain>("soccer_epl");
        var ingest = await store.IngestAsync([first, twin], LiveMarketTests.Now);
        Assert.Equal((2, 2), (ingest.Events, ingest.Mapped));
        var natural = "E0/2026-2027/2026-12-06/Man United-Nott'm Forest";
        Assert.Contains(
            ingest.Problems,
            p => p.Contains($"has the teams and date of event {first.Id} ({natural})") && p.Contains($"{natural}@1945")
        );

        var batch = await store.DecideAsync(LiveMarketTests.Now);
        Assert.Equal([natural, natural + "@1945"], batch.Due.Select(d => d.MatchId));
        var season = await env.Grains.GetGrain<ILeagueSeasonGrain>(new LeagueSeasonKey("E0", "2026-2027").ToString()).GetAsync();
        foreach (var (d, raise) in batch.Due.Zip([0.0, 0.2]))
        {
            var match = season.Matches.Single(m => m.Id == d.MatchId);
            var published = match
                .Quotes.Single(q =>
                    q is { Source: PriceSource.Pinnacle, Phase: Phase.Opening, Market: MarketType.MatchOdds, Outcome: Outcome.Home }
                )
                .Price;
            Assert.Equal(1.72 + raise, published, 9);
            var offer = await store.OfferAsync(
                d.MatchId,
                PriceSource.Pinnacle,
                new Selection(MarketType.MatchOdds, Outcome.Home),
                LiveMarketTests.Now
            );
            Assert.Equal(published, offer.Quote!.Price);
        }

        // Seen again, each keeps the identity it was given.
        var again = await store.IngestAsync([twin, first], LiveMarketTests.Now.AddMinutes(1));
        Assert.DoesNotContain(again.Problems, p => p.Contains("teams and date"));
        Assert.Equal(2, (await store.GetStatusAsync()).Events);
    }

    /// <summary>
    /// Retention without settlement (a sport polled but never traded): an event whose teams are not in
    /// the history is never decided; past the void horizon and the keep period, a later poll drops it
    /// from the index and clears its grain's stored record.
    /// </summary>
    [Fact]
    public async Task EventsNothingWillReadAgainLeaveTheIndexAndTheirStoredRecord()
    {
        await using var env = await SimulatedApiCluster.StartAsync(
            "live-retention",
            new SimulatorOptions { Seed = 5 },
            silos: 1,
            configuration: new Dictionary<string, string?>
            {
                ["Betting:LiveOdds:VoidAfterHours"] = "72",
                ["Betting:LiveOdds:KeepSettledDays"] = "7",
            }
        );
        await ImportE0Async(env.Grains);
        var events = LiveMarketTests.Parse(LiveMarketTests.EplOdds);
        var stranger = events[1] with { Id = "eeee" + events[1].Id[4..], HomeTeam = "Wrexham Borough Athletic" };
        var store = env.Grains.GetGrain<ILiveMarketGrain>("soccer_epl");
        var now = LiveMarketTests.Now;
        await store.IngestAsync([events[0], stranger], now);
        Assert.Equal((2, 1), ((await store.GetStatusAsync()).Events, (await store.GetStatusAsync()).Mapped));
        Assert.NotNull(await env.Grains.GetGrain<IOddsEventGrain>(stranger.Id).GetAsync());

        // Twelve days later, still polled (the feed lists other events by then), never settled: the unmapped,
        // never-decided event is forgotten; the mapped one, still decidable when settlement runs, is too (never decided).
        var later = now.AddDays(12);
        await store.IngestAsync([], later);
        var status = await store.GetStatusAsync();
        Assert.Equal(0, status.Events);
        Assert.Equal(2, status.Forgotten);
        Assert.Null(await env.Grains.GetGrain<IOddsEventGrain>(stranger.Id).GetAsync());
        Assert.Null(await env.Grains.GetGrain<IOddsEventGrain>(events[0].Id).GetAsync());
    }

    [Fact]
    public async Task TheLiveOddsPollFeedsTheStoreAndEventsThatNeverCompleteAreVoided()
    {
        await using var env = await SimulatedApiCluster.StartAsync(
            "live-void",
            new SimulatorOptions { Seed = 6 },
            silos: 1,
            configuration: new Dictionary<string, string?>
            {
                ["Betting:Apis:odds:TokensPerSecond"] = "20",
                ["Betting:LiveOdds:VoidAfterHours"] = "3",
            }
        );
        await ImportE0Async(env.Grains);
        var sim = env.Simulator;
        await env.Grains.GetGrain<ILiveOddsGrain>("soccer_epl").PollAsync(new LivePollRequest("uk,eu", "h2h,totals", RequestPriority.High));
        var store = env.Grains.GetGrain<ILiveMarketGrain>("soccer_epl");
        Assert.Equal(12, (await store.GetStatusAsync()).Mapped);
        var batch = await store.DecideAsync(sim.Now);
        Assert.Equal(12, batch.Due.Count);

        // Scores never come (the endpoint is down for good): three hours after kick-off each event is voided, with the reason.
        sim.InjectFault(SimulatorFaultKind.Http500, TimeSpan.FromHours(1));
        sim.AdvanceClock(TimeSpan.FromHours(4));
        var report = await store.SettleAsync(sim.Now);
        Assert.Equal(0, report.Settled);
        var voided = batch.Due.Where(x => x.CommenceUtc + TimeSpan.FromHours(3) <= sim.Now).Select(x => x.MatchId).Order().ToList();
        Assert.NotEmpty(voided);
        Assert.Equal(voided, report.Voided.Select(v => v.MatchId).Order());
        Assert.All(report.Voided, v => Assert.StartsWith("no completed score 3 h after kick-off", v.Reason));
        Assert.Equal(voided.Count, (await store.GetStatusAsync()).Voided);
    }
}
