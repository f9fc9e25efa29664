using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Tests.ExternalApis;

/// <summary>The Refit Odds API client, wired exactly as the silo wires it, against a loopback stand-in.</summary>
public sealed class OddsApiClientTests
{
    private const string Event = """
        [{"id":"e912304de2b2ce35b473ce2ecd3d1502","sport_key":"soccer_epl","sport_title":"EPL","commence_time":"2026-12-05T15:00:00Z",
          "home_team":"Arsenal","away_team":"Chelsea","bookmakers":[{"key":"pinnacle","title":"Pinnacle","last_update":"2026-12-04T10:00:00Z",
          "markets":[{"key":"h2h","last_update":"2026-12-04T10:00:00Z","outcomes":[{"name":"Arsenal","price":2.1},{"name":"Chelsea","price":3.6},{"name":"Draw","price":3.4}]},
                     {"key":"totals","outcomes":[{"name":"Over","price":1.95,"point":2.5},{"name":"Under","price":1.9,"point":2.5}]}]}]}]
        """;

    [Fact]
    public async Task ReadsEventsAndQuotaHeadersAndSendsTheContractsParameters()
    {
        string? query = null;
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapGet(
                "/v4/sports/{sport}/odds",
                (HttpContext ctx, string sport) =>
                {
                    query = ctx.Request.QueryString.Value;
                    ctx.Response.Headers["x-requests-remaining"] = "497";
                    ctx.Response.Headers["x-requests-used"] = "3";
                    ctx.Response.Headers["x-requests-last"] = "2";
                    return Results.Text(Event, "application/json");
                }
            )
        );

        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddBettingGrainServices(
            new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { [OddsApiOptions.BaseUrlKey] = server.BaseUrl })
                .Build()
        );
        await using var provider = services.BuildServiceProvider();
        var api = provider.GetRequiredService<IOddsApi>();

        using var response = await api.GetOddsAsync("soccer_epl", "test-key-123", "uk,eu", "h2h,totals");
        Assert.True(response.IsSuccessStatusCode);
        var e = Assert.Single(response.Content!);
        Assert.Equal(("Arsenal", "Chelsea", 32), (e.HomeTeam, e.AwayTeam, e.Id.Length));
        var markets = e.Bookmakers![0].Markets;
        Assert.Equal(3, markets.Single(m => m.Key == "h2h").Outcomes.Count);
        Assert.Equal(2.5, markets.Single(m => m.Key == "totals").Outcomes[0].Point);
        Assert.Equal(new QuotaHeaders(497, 3, 2), OddsApiQuota.Parse(response.Headers));
        Assert.Contains("apiKey=test-key-123", query);
        Assert.Contains("regions=uk%2Ceu", query);
        Assert.Contains("markets=h2h%2Ctotals", query);
        Assert.Contains("oddsFormat=decimal", query);

        // The key travels in the query string, as the API demands, but never reaches a log line.
        Assert.NotEmpty(logs.Lines);
        Assert.Contains(logs.Lines, l => l.Contains("/v4/sports/soccer_epl/odds", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("test-key-123", StringComparison.Ordinal));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() { }

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(
                LogLevel logLevel,
                EventId eventId,
                TState state,
                Exception? exception,
                Func<TState, Exception?, string> formatter
            ) => owner.Lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
