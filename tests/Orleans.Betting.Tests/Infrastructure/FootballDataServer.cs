using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>
/// A loopback stand-in for football-data.co.uk: serves ../shared/data/football-data/{league}/{season}.csv
/// at /mmz4281/{yyYY}/{league}.csv, 404 for anything else, and counts requests.
/// </summary>
public sealed class FootballDataServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private int requests;

    private FootballDataServer(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int Requests => Volatile.Read(ref requests);

    public static async Task<FootballDataServer> StartAsync()
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var root = Path.Combine(RepoPaths.SharedData, "data", "football-data");
        FootballDataServer? server = null;
        app.MapGet("/mmz4281/{code}/{file}", (string code, string file) =>
        {
            Interlocked.Increment(ref server!.requests);
            if (code.Length != 4 || !file.EndsWith(".csv", StringComparison.Ordinal))
            {
                return Results.NotFound();
            }

            var start = 2000 + int.Parse(code[..2]);
            var path = Path.Combine(root, file[..^4], $"{start}-{start + 1}.csv");
            return File.Exists(path) ? Results.File(path, "text/csv") : Results.NotFound();
        });
        await app.StartAsync();
        server = new FootballDataServer(app, $"http://127.0.0.1:{port}/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
