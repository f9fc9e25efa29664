using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Silo.Storage;

namespace Orleans.Betting.Tests.ExternalApis;

/// <summary>The worker pool in a two-silo cluster against a loopback odds API: de-duplication and caching cluster-wide.</summary>
public sealed class ApiWorkerGrainTests
{
    [Fact]
    public async Task FiftyIdenticalConcurrentRequestsCostOneUpstreamCall()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapGet(
                "/v4/sports/{sport}/odds",
                async (HttpContext ctx, string sport) =>
                {
                    Interlocked.Increment(ref calls);
                    await Task.Delay(300); // slow enough that every caller arrives while the call is in flight
                    ctx.Response.Headers["x-requests-remaining"] = "499";
                    ctx.Response.Headers["x-requests-used"] = "1";
                    ctx.Response.Headers["x-requests-last"] = "1";
                    return Results.Text(
                        """[{"id":"0123456789abcdef0123456789abcdef","sport_key":"soccer_epl","commence_time":"2026-12-05T15:00:00Z","home_team":"A","away_team":"B","bookmakers":[]}]""",
                        "application/json"
                    );
                }
            )
        );

        using var dir = new TempDirectory("apiworker");
        await using var cluster = await StorageCluster.StartAsync(
            DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "b.db")),
            "apiworker",
            silos: 2,
            configuration: new Dictionary<string, string?>
            {
                [OddsApiOptions.BaseUrlKey] = server.BaseUrl,
                ["Betting:Apis:Odds:ApiKey"] = "k",
                ["Betting:Apis:odds:TokensPerSecond"] = "10",
            }
        );

        var query = new OddsQuery("soccer_epl", "uk,eu", "h2h");
        var results = await Task.WhenAll(
            Enumerable
                .Range(0, 50)
                .Select(i =>
                    cluster
                        .Grains.GetGrain<IApiWorkerGrain>(0)
                        .GetOddsAsync(i % 2 == 0 ? query : query with { Regions = "eu, UK" }, RequestPriority.Normal)
                )
        );

        Assert.Equal(1, calls);
        Assert.All(results, r => Assert.Equal("0123456789abcdef0123456789abcdef", Assert.Single(r.Events).Id));
        Assert.Equal(499, results[0].Quota.Remaining);
        Assert.Equal(1, await cluster.Grains.GetGrain<IOddsRequestGrain>(query.Key).UpstreamCallsAsync());

        // Within the TTL the next request is served from the cache, still one upstream call.
        var again = await cluster.Grains.GetGrain<IApiWorkerGrain>(0).GetOddsAsync(query, RequestPriority.Background);
        Assert.True(again.FromCache);
        Assert.Equal(1, calls);
        Assert.Equal(499, (await cluster.Grains.GetGrain<ITokenBucketGrain>("odds").GetStateAsync()).QuotaRemaining);
    }
}
