using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Silo.Storage;
using Orleans.Betting.Strategies;

namespace Orleans.Betting.Tests.Grains;

/// <summary>Import, league-season grains, the catalog and backtests through real grains on SQLite storage.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MarketGrainTests(ClusterFixture fixture)
{
    private static byte[] SharedFile(string league, string season) =>
        File.ReadAllBytes(Path.Combine(RepoPaths.SharedData, "data", "football-data", league, $"{season}.csv"));

    [Fact]
    public async Task ImportIsIdempotentAndLandsInTheLeagueSeasonGrain()
    {
        var importer = fixture.Grains.GetGrain<IMarketImportGrain>(0);
        var first = await importer.ImportCsvAsync("2016-2017.csv", SharedFile("F1", "2016-2017"));
        Assert.Equal(380, first.RowsRead);
        Assert.Equal(380, first.RowsImported);
        var upsert = Assert.Single(first.Seasons);
        Assert.Equal(("F1/2016-2017", 380, 0), (upsert.Key, upsert.Added, upsert.Unchanged));

        var again = await importer.ImportCsvAsync("2016-2017.csv", SharedFile("F1", "2016-2017"));
        var repeat = Assert.Single(again.Seasons);
        Assert.Equal((0, 0, 380, upsert.Version), (repeat.Added, repeat.Updated, repeat.Unchanged, repeat.Version));

        var season = await fixture.Grains.GetGrain<ILeagueSeasonGrain>("F1/2016-2017").GetAsync();
        Assert.Equal(380, season.Matches.Length);
        Assert.True(season.Matches.Zip(season.Matches.Skip(1)).All(p => p.First.KickoffUtc <= p.Second.KickoffUtc));
        var catalog = await fixture.Grains.GetGrain<IMarketCatalogGrain>(IMarketCatalogGrain.Key).ListAsync();
        Assert.Contains(catalog, s => s.League == "F1" && s.Season == "2016-2017" && s.Matches == 380);
    }

    [Fact]
    public async Task BadRowsAreReportedAndGoodRowsKept()
    {
        var csv =
            "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,PSH,PSD,PSA\n"
            + "X9,10/08/2019,Alpha,Beta,1,0,2.1,3.3,3.6\n"
            + "X9,11/08/2019,Gamma,,2,2,2.0,3.4,3.9\n"
            + "X9,12/08/2019,Delta,Omega,1,1,1.9,x,4.2\n";
        var report = await fixture
            .Grains.GetGrain<IMarketImportGrain>(0)
            .ImportCsvAsync("2019-2020.csv", System.Text.Encoding.UTF8.GetBytes(csv));
        Assert.Equal((3, 2, 1), (report.RowsRead, report.RowsImported, report.RowsRejected));
        Assert.Contains(report.Problems, p => p.ToString() == "2019-2020.csv:3: AwayTeam: empty" && p.RowRejected);
        Assert.Contains(report.Problems, p => p.Line == 4 && p.Field == "PSD" && !p.RowRejected);
        Assert.Equal(2, (await fixture.Grains.GetGrain<ILeagueSeasonGrain>("X9/2019-2020").SummaryAsync()).Matches);
    }

    [Fact]
    public async Task StrategyGrainBacktestMatchesThePureEngine()
    {
        var importer = fixture.Grains.GetGrain<IMarketImportGrain>(0);
        foreach (var season in new[] { "2020-2021", "2021-2022" })
        {
            await importer.ImportCsvAsync($"{season}.csv", SharedFile("SP1", season));
        }

        var spec = StrategySpec.Parse("baseline:price=bet365-opening,outcome=underdog");
        Assert.Equal("baseline:outcome=underdog,price=bet365-opening", spec.Text);
        var strategy = fixture.Grains.GetGrain<IStrategyGrain>(spec.Id);
        await strategy.DefineAsync(spec);
        var report = await strategy.BacktestAsync(new BacktestRequest("SP1", ["2020-2021", "2021-2022"], "flat", 1000, Seed: 3));

        // Independent: the pure engine over the same parsed files.
        var timeline = new MarketTimeline(
            new[] { "2020-2021", "2021-2022" }.SelectMany(s =>
                FootballDataCsvReader.Read(new MemoryStream(SharedFile("SP1", s)), $"{s}.csv").Matches
            )
        );
        var direct = BacktestEngine
            .Run(
                timeline,
                new BaselineStrategy(BaselineSide.Underdog, PriceSource.Bet365, Phase.Opening),
                new BacktestOptions(StakingPlan.FlatUnit, StakeLimits.None, 1000, 2000, 3)
            )
            .Metrics;
        Assert.Equal(direct.Bets, report.Figures.Bets);
        Assert.Equal(direct.Profit, report.Figures.Profit, 9);
        Assert.Equal(direct.MeanClv, report.Figures.MeanClv!.Value, 12);
        Assert.Equal(direct.RoiLow95, report.Figures.RoiLow95, 12);
        Assert.True(report.Equity.Count > 2);

        var info = await strategy.GetAsync();
        Assert.Equal(StrategyLifecycle.Candidate, info.Lifecycle);
        Assert.Single(info.Reports);
    }

    [Fact]
    public async Task BadSpecsAndMissingDataAreClearErrors()
    {
        var bad = StrategySpec.Parse("baseline:outcome=sideways");
        var e = await Assert.ThrowsAsync<QuantException>(() => fixture.Grains.GetGrain<IStrategyGrain>(bad.Id).DefineAsync(bad));
        Assert.Contains("sideways", e.Message);

        var spec = StrategySpec.Parse("baseline:outcome=home,price=pinnacle-closing");
        var grain = fixture.Grains.GetGrain<IStrategyGrain>(spec.Id);
        await grain.DefineAsync(spec);
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            grain.BacktestAsync(new BacktestRequest("ZZ", ["2031-2032"]))
        );
        Assert.Contains("no market data for ZZ 2031-2032", missing.Message);
    }

    [Fact]
    public async Task OddsToolsAnswerThroughTheCluster()
    {
        var tools = fixture.Grains.GetGrain<IOddsToolsGrain>(0);
        var shin = await tools.DevigAsync([2.7, 2.3, 4.4], "shin");
        Assert.Equal(0.3593439, shin.Probabilities[0], 7);
        Assert.Equal(("z", 0.0162364), (shin.ParameterName, Math.Round(shin.Parameter!.Value, 7)));
        var e = await Assert.ThrowsAsync<QuantException>(() => tools.DevigAsync([0.95, 2.0], "shin"));
        Assert.Contains("greater than 1.0", e.Message);
        Assert.Equal("3/2", (await tools.ConvertAsync("+150")).Fractional);
        Assert.Equal(3.5, (await tools.ConvertAsync("5/2")).Decimal, 12);
        var kelly = await tools.KellyAsync([2.0, 3.6, 4.2], [0.52, 0.28, 0.20], 0.5);
        Assert.Equal(0.035, kelly.Fractions[0], 9);
        Assert.Equal(0.9, kelly.Reserve!.Value, 9);
    }
}

/// <summary>The download path: Refit client → loopback football-data stand-in → import.</summary>
public sealed class FootballDataDownloadTests
{
    [Fact]
    public async Task DownloadsSeasonsFromTheConfiguredBaseUrl()
    {
        await using var server = await FootballDataServer.StartAsync();
        using var dir = new TempDirectory("download");
        await using var cluster = await StorageCluster.StartAsync(
            DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "b.db")),
            "download",
            configuration: new Dictionary<string, string?> { ["Betting:FootballData:BaseUrl"] = server.BaseUrl }
        );
        var importer = cluster.Grains.GetGrain<IMarketImportGrain>(0);

        var report = await importer.DownloadAsync("I1", "2018-2019");
        Assert.Equal(380, report.RowsImported);
        Assert.Equal("I1/2018-2019", Assert.Single(report.Seasons).Key);
        Assert.Equal(1, server.Requests);

        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => importer.DownloadAsync("I1", "2031-2032"));
        Assert.Contains("/mmz4281/3132/I1.csv", missing.Message);
        Assert.Contains("404", missing.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => importer.DownloadAsync("I1", "2018-2020"));
    }
}
