using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Tests.ExternalApis;

/// <summary>The webhook client over real HTTP: Slack-compatible JSON to the configured path, retried through its pipeline.</summary>
public sealed class NotificationWebhookTests
{
    [Fact]
    public async Task PostsTheMessageToTheConfiguredPathAndRetriesAServerError()
    {
        var bodies = new List<JsonElement>();
        var paths = new List<string>();
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapPost(
                "/{**rest}",
                async (HttpContext ctx) =>
                {
                    paths.Add(ctx.Request.Path + ctx.Request.QueryString);
                    bodies.Add(await JsonSerializer.DeserializeAsync<JsonElement>(ctx.Request.Body));
                    return bodies.Count == 1 ? Results.StatusCode(503) : Results.Ok();
                }
            )
        );

        var services = new ServiceCollection();
        services.AddLogging();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    [Orleans.Betting.Agents.NotificationOptions.WebhookUrlKey] =
                        server.BaseUrl + "services/T01/B02/secret?token=s3cr%2Bt&channel=ops",
                    ["Betting:Apis:webhook:Resilience:Retry:Delay"] = "00:00:00.050",
                }
            )
            .Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddBettingGrainServices(configuration);
        await using var provider = services.BuildServiceProvider();
        var webhook = provider.GetRequiredService<NotificationWebhook>();

        Assert.True(webhook.Configured);
        Assert.True(
            await webhook.SendAsync(
                new WebhookMessage(
                    "odds API circuit open",
                    "warning",
                    "health",
                    "odds-circuit",
                    new DateTime(2026, 11, 26, 7, 0, 0, DateTimeKind.Utc)
                )
            )
        );
        // The URL's query string (where some providers put their token) survives, escaped as given.
        Assert.Equal(["/services/T01/B02/secret?token=s3cr%2Bt&channel=ops", "/services/T01/B02/secret?token=s3cr%2Bt&channel=ops"], paths);
        Assert.Equal("odds API circuit open", bodies[1].GetProperty("text").GetString());
        Assert.Equal("warning", bodies[1].GetProperty("severity").GetString());
        Assert.Equal("odds-circuit", bodies[1].GetProperty("key").GetString());

        // Without a URL nothing is sent and the caller is told so (it falls back to the log).
        var none = new ServiceCollection().AddLogging();
        var empty = new ConfigurationBuilder().Build();
        none.AddSingleton<IConfiguration>(empty);
        none.AddBettingGrainServices(empty);
        await using var bare = none.BuildServiceProvider();
        Assert.False(
            await bare.GetRequiredService<NotificationWebhook>().SendAsync(new WebhookMessage("x", "info", "t", null, DateTime.UtcNow))
        );
    }
}
