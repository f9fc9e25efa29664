using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>A notification webhook on loopback that keeps every JSON body posted to it, with its arrival time.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly List<(DateTime At, JsonElement Body)> posts = [];
    private readonly HashSet<string> refused = [];

    /// <summary>Posts with this key are answered 400 (a message the provider will never take), and counted.</summary>
    public void Refuse(string key)
    {
        lock (posts)
        {
            refused.Add(key);
        }
    }

    public int RefusedPosts { get; private set; }
    private LoopbackServer? server;

    /// <summary>Ends with a slash; any path under it is accepted.</summary>
    public string BaseUrl => server!.BaseUrl;

    public IReadOnlyList<(DateTime At, JsonElement Body)> Posts
    {
        get
        {
            lock (posts)
            {
                return posts.ToList();
            }
        }
    }

    /// <summary>The posts whose "key" is the given one.</summary>
    public IReadOnlyList<(DateTime At, JsonElement Body)> WithKey(string key) =>
        Posts.Where(p => p.Body.GetProperty("key").GetString() == key).ToList();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        receiver.server = await LoopbackServer.StartAsync(app =>
            app.MapPost(
                "/{**rest}",
                async (HttpContext ctx) =>
                {
                    var body = await JsonSerializer.DeserializeAsync<JsonElement>(ctx.Request.Body);
                    lock (receiver.posts)
                    {
                        if (body.TryGetProperty("key", out var key) && key.GetString() is { } k && receiver.refused.Contains(k))
                        {
                            receiver.RefusedPosts++;
                            return Results.BadRequest("invalid_blocks");
                        }

                        receiver.posts.Add((DateTime.UtcNow, body));
                    }

                    return Results.Ok();
                }
            )
        );
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
