using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Quant;
using Orleans.Betting.Silo.Simulation;

namespace Orleans.Betting.Tests.Simulation;

/// <summary>The odds-API simulator over real HTTP, read through the product's own Refit client.</summary>
public sealed class OddsApiSimulatorTests
{
    private const string Key = "sim-test-key";

    private static ServiceProvider Client(OddsApiSimulator simulator)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBettingGrainServices(
            new ConfigurationBuilder()
                .AddInMemoryCollection(
                    new Dictionary<string, string?>
                    {
                        [OddsApiOptions.BaseUrlKey] = simulator.BaseUrl,
                        // Raw answers: no retries, so each call is one request.
                        ["Betting:Apis:odds:Resilience:Retry:MaxRetryAttempts"] = "1",
                        ["Betting:Apis:odds:Resilience:Retry:ShouldRetryAfterHeader"] = "false",
                        ["Betting:Apis:odds:Resilience:Retry:Delay"] = "00:00:00.001",
                    }
                )
                .Build()
        );
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task ServesTheV4ContractWithCostsAndQuotaHeaders()
    {
        await using var simulator = await OddsApiSimulator.StartAsync(
            new SimulatorOptions
            {
                Seed = 5,
                ApiKey = Key,
                MonthlyQuota = 1000,
            }
        );
        await using var provider = Client(simulator);
        var api = provider.GetRequiredService<IOddsApi>();

        using var sports = await api.GetSportsAsync(Key);
        Assert.Contains(sports.Content!, s => s.Key == "soccer_epl" && s.Active);

        using var odds = await api.GetOddsAsync("soccer_epl", Key, "uk,eu", "h2h,totals");
        Assert.True(odds.IsSuccessStatusCode, odds.Error?.Message);
        var events = odds.Content!;
        Assert.Equal(12, events.Count);
        Assert.All(
            events,
            e =>
            {
                Assert.Equal(32, e.Id.Length);
                Assert.True(e.CommenceTime > DateTime.UtcNow);
                Assert.NotEqual(e.HomeTeam, e.AwayTeam);
                Assert.Equal(
                    ["betfair_ex_eu", "marathonbet", "paddypower", "pinnacle", "skybet", "williamhill"],
                    e.Bookmakers!.Select(b => b.Key).Order()
                );
                foreach (var book in e.Bookmakers!)
                {
                    var h2h = book.Markets.Single(m => m.Key == "h2h").Outcomes;
                    Assert.Equal([e.HomeTeam, e.AwayTeam, "Draw"], h2h.Select(o => o.Name));
                    var totals = book.Markets.Single(m => m.Key == "totals").Outcomes;
                    Assert.Equal(["Over", "Under"], totals.Select(o => o.Name));
                    Assert.All(totals, o => Assert.Equal(2.5, o.Point));
                }

                // Pinnacle's book carries its 2.5 % margin (prices rounded to 2 decimals).
                var pinnacle = e.Bookmakers!.Single(b => b.Key == "pinnacle")
                    .Markets.Single(m => m.Key == "h2h")
                    .Outcomes.Select(o => o.Price)
                    .ToArray();
                Assert.InRange(OddsMath.Booksum(pinnacle), 1.015, 1.035);
            }
        );

        // 2 markets × 2 regions = 4 credits; events listing is free.
        Assert.Equal(new QuotaHeaders(996, 4, 4), OddsApiQuota.Parse(odds.Headers!));
        using var listing = await api.GetEventsAsync("soccer_epl", Key);
        Assert.Equal(events.Select(e => e.Id), listing.Content!.Select(e => e.Id));
        Assert.Equal(new QuotaHeaders(996, 4, 0), OddsApiQuota.Parse(listing.Headers!));

        using var american = await api.GetOddsAsync("soccer_epl", Key, "us", "h2h", "american");
        Assert.All(
            american.Content!.SelectMany(e => e.Bookmakers!).SelectMany(b => b.Markets).SelectMany(m => m.Outcomes),
            o => Assert.True(Math.Abs(o.Price) >= 100 && o.Price == Math.Round(o.Price), $"{o.Price} is not an American price")
        );
    }

    [Fact]
    public async Task SameSeedSamePricesAndTheClockMovesTheLine()
    {
        await using var a = await OddsApiSimulator.StartAsync(new SimulatorOptions { Seed = 9 });
        await using var b = await OddsApiSimulator.StartAsync(new SimulatorOptions { Seed = 9 });
        await using var c = await OddsApiSimulator.StartAsync(new SimulatorOptions { Seed = 10 });
        var now = DateTime.UtcNow;
        string Prices(OddsApiSimulator s, DateTime at) =>
            string.Join(
                ";",
                s.Market.Upcoming(at)
                    .Take(4)
                    .Select(k => s.Market.Odds(0, k, at, SimulatedOddsMarket.Bookmakers, ["h2h"], false))
                    .SelectMany(e => e.Bookmakers!)
                    .SelectMany(x => x.Markets[0].Outcomes.Select(o => $"{x.Key}:{o.Name}:{o.Price}"))
            );

        Assert.Equal(Prices(a, now), Prices(b, now));
        Assert.NotEqual(Prices(a, now), Prices(c, now));

        // Thirty ticks later the same events are priced differently: the line moves.
        var later = now + TimeSpan.FromMinutes(30);
        var k0 = a.Market.Upcoming(later).First();
        var before = a.Market.Odds(0, k0 + 3, now, SimulatedOddsMarket.Bookmakers, ["h2h"], false);
        var after = a.Market.Odds(0, k0 + 3, later, SimulatedOddsMarket.Bookmakers, ["h2h"], false);
        Assert.NotEqual(
            before.Bookmakers![0].Markets[0].Outcomes.Select(o => o.Price),
            after.Bookmakers![0].Markets[0].Outcomes.Select(o => o.Price)
        );
    }

    [Fact]
    public async Task AnInjectedMoveShowsAtTheSharpBookFirstAndAtSoftBooksAfterTheirLag()
    {
        await using var simulator = await OddsApiSimulator.StartAsync(
            new SimulatorOptions
            {
                Seed = 3,
                DriftPerTick = 0,
                SteamProbabilityPerTick = 0,
            }
        );
        var market = simulator.Market;
        var now = simulator.Now;
        var k = market.Upcoming(now).Skip(5).First();
        double Home(string book, DateTime at) =>
            market
                .Odds(0, k, at, SimulatedOddsMarket.Bookmakers.Where(b => b.Key == book).ToList(), ["h2h"], false)
                .Bookmakers![0]
                .Markets[0]
                .Outcomes[0]
                .Price;

        var pinnacleBefore = Home("pinnacle", now);
        var hillBefore = Home("williamhill", now);
        market.InjectMove(0, k, now, 0.5);
        Assert.True(Home("pinnacle", now) < pinnacleBefore * 0.85, "the sharp book moves at once");
        Assert.Equal(hillBefore, Home("williamhill", now));
        Assert.Equal(hillBefore, Home("williamhill", now + TimeSpan.FromMinutes(1)));
        Assert.True(Home("williamhill", now + TimeSpan.FromMinutes(2)) < hillBefore * 0.85, "William Hill follows two ticks later");
    }

    [Fact]
    public async Task RefusesBadRequestsWithTheApisErrorCodes()
    {
        await using var simulator = await OddsApiSimulator.StartAsync(new SimulatorOptions { ApiKey = Key });
        using var http = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl) };
        async Task<(HttpStatusCode, string)> Get(string path)
        {
            using var r = await http.GetAsync(path);
            return (r.StatusCode, await r.Content.ReadAsStringAsync());
        }

        var (status, body) = await Get("v4/sports/soccer_epl/odds?regions=uk");
        Assert.Equal((HttpStatusCode.Unauthorized, true), (status, body.Contains("MISSING_KEY")));
        (status, body) = await Get("v4/sports/soccer_epl/odds?regions=uk&apiKey=wrong");
        Assert.Equal((HttpStatusCode.Unauthorized, true), (status, body.Contains("INVALID_KEY")));
        (status, body) = await Get($"v4/sports/soccer_epl/odds?regions=uk&markets=h2h,corners&apiKey={Key}");
        Assert.Equal((HttpStatusCode.UnprocessableEntity, true), (status, body.Contains("INVALID_MARKET") && body.Contains("corners")));
        (status, body) = await Get($"v4/sports/soccer_epl/odds?apiKey={Key}");
        Assert.Equal((HttpStatusCode.UnprocessableEntity, true), (status, body.Contains("MISSING_REGION")));
        (status, body) = await Get($"v4/sports/curling/odds?regions=uk&apiKey={Key}");
        Assert.Equal((HttpStatusCode.NotFound, true), (status, body.Contains("UNKNOWN_SPORT")));
        Assert.Equal(5, simulator.Stats().Rejected);
        Assert.Equal(0, simulator.Stats().CreditsUsed);
    }

    [Fact]
    public async Task EnforcesItsRateLimitWith429AndRetryAfterAndSpendsTheQuota()
    {
        // The limit is judged on the simulator's clock: a fake one moves on when told, whatever the machine's load.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var simulator = await OddsApiSimulator.StartAsync(
            new SimulatorOptions
            {
                ApiKey = Key,
                RequestsPerSecond = 0.5,
                Burst = 3,
                MonthlyQuota = 4,
            },
            time: clock
        );
        using var http = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl) };
        var statuses = new List<HttpStatusCode>();
        string? retryAfter = null;
        for (var i = 0; i < 6; i++)
        {
            using var r = await http.GetAsync($"v4/sports/soccer_epl/odds?regions=uk&apiKey={Key}");
            statuses.Add(r.StatusCode);
            retryAfter ??= r.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // Three in the burst (the fourth credit is left), then 429s with Retry-After.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(3));
        Assert.All(statuses.Skip(3), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.InRange(double.Parse(retryAfter!, System.Globalization.CultureInfo.InvariantCulture), 1, 2);
        Assert.Equal(3, simulator.Stats().RateLimited);

        // After a pause the limit allows calls again, until the monthly credits run out.
        clock.Advance(TimeSpan.FromSeconds(2.1));
        using var fourth = await http.GetAsync($"v4/sports/soccer_epl/odds?regions=uk&apiKey={Key}");
        Assert.Equal(HttpStatusCode.OK, fourth.StatusCode);
        Assert.Equal("0", fourth.Headers.GetValues("x-requests-remaining").Single());
        clock.Advance(TimeSpan.FromSeconds(2.1));
        using var fifth = await http.GetAsync($"v4/sports/soccer_epl/odds?regions=uk&apiKey={Key}");
        Assert.Equal(HttpStatusCode.Unauthorized, fifth.StatusCode);
        Assert.Contains("OUT_OF_USAGE_CREDITS", await fifth.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task InjectedFaultsAndAStalledBookEndWhenTheirTimeIsUpOnTheSimulatorsClock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var simulator = await OddsApiSimulator.StartAsync(new SimulatorOptions { ApiKey = Key }, time: clock);
        using var http = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl) };
        var odds = $"v4/sports/soccer_epl/odds?regions=uk&apiKey={Key}";

        simulator.InjectFault(SimulatorFaultKind.Http500, TimeSpan.FromMinutes(10));
        using (var during = await http.GetAsync(odds))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, during.StatusCode);
        }

        clock.Advance(TimeSpan.FromMinutes(9));
        using (var stillDuring = await http.GetAsync(odds))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, stillDuring.StatusCode);
        }

        clock.Advance(TimeSpan.FromMinutes(1.5)); // ten minutes of storm, not one second slept
        using (var after = await http.GetAsync(odds))
        {
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }

        // A stalled bookmaker's last_update stays put while the market moves on, until the stall ends.
        simulator.StallBookmaker("williamhill", TimeSpan.FromHours(1));
        var stalledAt = await LastUpdateAsync(http, odds, "williamhill");
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(stalledAt, await LastUpdateAsync(http, odds, "williamhill"));
        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.True(await LastUpdateAsync(http, odds, "williamhill") > stalledAt);
    }

    private static async Task<DateTime> LastUpdateAsync(HttpClient http, string path, string bookmaker)
    {
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body
            .RootElement.EnumerateArray()
            .SelectMany(e => e.GetProperty("bookmakers").EnumerateArray())
            .Where(b => b.GetProperty("key").GetString() == bookmaker)
            .Select(b => b.GetProperty("last_update").GetDateTime())
            .Max();
    }
}
